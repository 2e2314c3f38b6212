import { join } from 'node:path';
import type { EngineContext, EngineContextList, EngineEndpoint } from '../../../shared';
import {
  cliContextName,
  contextDigest,
  defaultAddress,
  dockerConfigDir,
  parseContextMeta,
  type EndpointSources,
} from './endpoint';

/** The entry the `DOCKER_HOST` override is listed and chosen by. */
export const dockerHostEntry = 'DOCKER_HOST';

const reasonOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

/** The context name a meta.json gives, if it gives one at all. */
function nameIn(text: string): string | undefined {
  try {
    const name = (JSON.parse(text) as { Name?: unknown } | null)?.Name;
    return typeof name === 'string' && name !== '' ? name : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What `docker context ls` would list, plus a `DOCKER_HOST` override when set (it wins, as in
 * the CLI). A context whose files cannot be read is listed as broken with the reason.
 */
export function listContexts(sources: EndpointSources, inUse: EngineEndpoint): EngineContextList {
  const notices: string[] = [];
  const envHost = sources.env.DOCKER_HOST?.trim();
  let cliName = 'default';
  try {
    cliName = cliContextName(sources);
  } catch (error) {
    notices.push(reasonOf(error));
  }
  const isCurrent = (name: string): boolean => (envHost ? false : name === cliName);

  const fixed: EngineContext[] = [];
  if (envHost) {
    fixed.push({
      name: dockerHostEntry,
      kind: 'DOCKER_HOST',
      description: 'The DOCKER_HOST environment variable, which overrides every context',
      host: envHost,
      current: true,
      inUse: inUse.source === 'DOCKER_HOST',
    });
  }
  fixed.push({
    name: 'default',
    kind: 'default',
    description: 'The default socket of the engine on this machine',
    host: defaultAddress(sources.platform),
    current: isCurrent('default'),
    inUse: inUse.source === 'default',
  });

  const metaDir = join(dockerConfigDir(sources), 'contexts', 'meta');
  const stored = (sources.listDir?.(metaDir) ?? []).map((entry): EngineContext => {
    const metaPath = join(metaDir, entry, 'meta.json');
    const base = { kind: 'context' as const, description: '', inUse: false };
    const text = sources.readFile(metaPath);
    if (text === undefined) {
      return { ...base, name: entry, current: false, broken: `${metaPath} cannot be read.` };
    }
    try {
      const meta = parseContextMeta(text, metaPath);
      const broken =
        contextDigest(meta.name) === entry
          ? undefined
          : `${metaPath} names "${meta.name}", whose files the docker CLI keeps elsewhere.`;
      return {
        ...base,
        name: meta.name,
        description: meta.description,
        host: meta.host,
        current: broken === undefined && isCurrent(meta.name),
        inUse: broken === undefined && inUse.source === 'context' && inUse.context === meta.name,
        ...(broken ? { broken } : {}),
      };
    } catch (error) {
      return { ...base, name: nameIn(text) ?? entry, current: false, broken: reasonOf(error) };
    }
  });

  const known = new Set([...fixed, ...stored].map((context) => context.name));
  if (!envHost && !known.has(cliName)) {
    stored.push({
      name: cliName,
      kind: 'context',
      description: '',
      current: true,
      inUse: false,
      broken: `The docker CLI's current context "${cliName}" does not exist.`,
    });
  }
  stored.sort((a, b) => a.name.localeCompare(b.name));
  return { contexts: [...fixed, ...stored], notices };
}
