import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import Docker from 'dockerode';
import { imageIdOrReferenceSchema } from '../../shared';
import { resolveEndpoint } from '../docker/connection/endpoint';
import { systemEndpointSources } from '../docker/connection/engine';
import { describeEngineFailure } from '../docker/connection/errors';
import {
  analyseArchive,
  ImageAnalyser,
  instructionsOf,
  type ImageAnalysis,
} from '../layers/analysis';
import { readImageArchive, type ArchiveLayer } from '../layers/archive';
import { exportImage, inspectImage } from '../layers/engine-export';
import {
  checkCiRules,
  defaultCiRules,
  formatReport,
  formatSize,
  layerChangeLines,
  layersReport,
  parseByteSize,
  type CiRules,
} from '../layers/report';
import { UsageError } from './usage-error';

export const layersHelp = `Usage: stowage layers IMAGE [options]
       stowage layers --archive FILE [options]

Reads an image's layers in one pass (from the engine's export, or from an archive file with
no engine at all) and prints what each layer added, modified and removed, and what the
image wastes.

Options:
  --json                    Print one JSON document instead of the summary
  --layer <n>               Print the changes of layer n (0 is the base layer)
  --archive <file>          Read a docker save / OCI / containerd archive (- for stdin)
  --image <name>            Which image, when the archive holds several
  --platform <os/arch>      Which platform, when the image is an index of several
  --ci                      Check the rules below; exit 0 when all pass, 1 when one fails
  --lowest-efficiency <r>             (default 0.9; "off" to skip)
  --highest-wasted-bytes <size>       e.g. 20MB (default off)
  --highest-user-wasted-percent <r>   (default 0.1; "off" to skip)
  -h, --help                Show this help

Exit codes: 0 done (or every CI rule passed), 1 a CI rule failed, 2 an error.
`;

/** `stowage layers`: the layer report of an image from the engine or from an archive. */
export async function layersCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      json: { type: 'boolean' },
      layer: { type: 'string' },
      archive: { type: 'string' },
      image: { type: 'string' },
      platform: { type: 'string' },
      ci: { type: 'boolean' },
      'lowest-efficiency': { type: 'string' },
      'highest-wasted-bytes': { type: 'string' },
      'highest-user-wasted-percent': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(layersHelp);
    return 0;
  }
  if (positionals.length > 1) throw new UsageError('Name one image.');
  const [image] = positionals;
  if (image === undefined && values.archive === undefined) {
    throw new UsageError('Name an image, or an archive with --archive FILE.');
  }
  if (image !== undefined && values.archive !== undefined) {
    throw new UsageError('Name an image or an archive, not both (use --image to pick one).');
  }
  const layerIndex = values.layer === undefined ? undefined : parseLayerIndex(values.layer);
  const rules = values.ci ? ciRules(values) : undefined;

  // Only --layer prints what a layer changed; the report needs the counts alone.
  const keep = { keepChanges: layerIndex !== undefined };
  const { id, tags, analysis } =
    values.archive !== undefined
      ? await fromArchive(values.archive, values.image, values.platform, keep)
      : await fromEngine(image as string, keep);

  if (layerIndex !== undefined) {
    let lines;
    try {
      lines = layerChangeLines(analysis, layerIndex);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    process.stdout.write(
      values.json
        ? `${JSON.stringify(lines, null, 2)}\n`
        : lines
            .map(
              (line) =>
                `${line.change.padEnd(8)} ${formatSize(line.size).padStart(10)}  ${line.path}` +
                (line.linkTarget !== undefined ? ` -> ${line.linkTarget}` : ''),
            )
            .join('\n') + '\n',
    );
    return 0;
  }

  const report = layersReport({ id, tags }, analysis);
  process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
  if (!rules) return 0;
  const results = checkCiRules(report, rules);
  const out = values.json ? process.stderr : process.stdout;
  for (const result of results) {
    out.write(`${result.passed ? 'PASS' : 'FAIL'}  ${result.rule}: ${result.detail}\n`);
  }
  return results.every((result) => result.passed) ? 0 : 1;
}

interface Analysed {
  id: string;
  tags: string[];
  analysis: ImageAnalysis;
}

async function fromArchive(
  file: string,
  image: string | undefined,
  platform: string | undefined,
  keep: { keepChanges: boolean },
): Promise<Analysed> {
  const source: Readable = file === '-' ? process.stdin : createReadStream(file);
  const opened = new Promise<void>((resolve, reject) => {
    if (file === '-') return resolve();
    source.once('open', () => resolve());
    source.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new UsageError(
          `Cannot read ${file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}.`,
        ),
      ),
    );
  });
  await opened;
  const archive = await readImageArchive(source, {
    ...(image !== undefined ? { image } : {}),
    ...(platform !== undefined ? { platform } : {}),
  }).catch((error: Error) => {
    throw new UsageError(`${file === '-' ? 'The archive on stdin' : file}: ${error.message}`);
  });
  return {
    id: archive.id,
    tags: archive.repoTags,
    analysis: analyseArchive(archive.id, archive, undefined, keep),
  };
}

async function fromEngine(image: string, keep: { keepChanges: boolean }): Promise<Analysed> {
  const parsed = imageIdOrReferenceSchema.safeParse(image);
  if (!parsed.success) {
    throw new UsageError(`"${image}" is not an image reference or an image id.`);
  }
  let docker: Docker;
  try {
    docker = new Docker(resolveEndpoint(systemEndpointSources()).options);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const controller = new AbortController();
  const { signal } = controller;
  try {
    // The export is asked for at once: the engine takes seconds before its first byte.
    const exporting = exportImage(docker, image, signal);
    exporting.catch(() => undefined);
    const inspected = await inspectImage(docker, image, signal).catch((error: unknown) => {
      controller.abort();
      throw error;
    });
    const diffIds = inspected.RootFS?.Layers ?? [];
    // Each layer is stacked as soon as it and those below it are read, while the rest streams.
    const analyser = new ImageAnalyser(inspected.Id, keep);
    const read = new Map<string, ArchiveLayer>();
    const archive = await readImageArchive(await exporting, {
      signal,
      // The engine wrote the export just now: its manifest and config name the layers.
      trustLayerNames: true,
      onLayer: (layer) => {
        read.set(layer.diffId, layer);
        for (let next = read.get(diffIds[analyser.stacked] ?? ''); next;) {
          analyser.add(next, '');
          next = read.get(diffIds[analyser.stacked] ?? '');
        }
      },
    });
    const inOrder =
      analyser.stacked === archive.layers.length &&
      archive.layers.every((layer, index) => layer.diffId === diffIds[index]);
    let analysis: ImageAnalysis;
    if (inOrder) {
      analyser.nameInstructions(instructionsOf(archive.config));
      analysis = analyser.finish();
    } else {
      analysis = analyseArchive(inspected.Id, archive, undefined, keep);
    }
    return { id: inspected.Id, tags: inspected.RepoTags ?? [], analysis };
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) {
      throw new UsageError(`No such image: ${image}.`);
    }
    throw new UsageError(describeEngineFailure(error));
  }
}

function parseLayerIndex(text: string): number {
  if (!/^\d+$/.test(text)) throw new UsageError(`--layer must be a layer number, not "${text}".`);
  return Number(text);
}

function ciRules(values: Record<string, string | boolean | undefined>): CiRules {
  const rules: CiRules = { ...defaultCiRules };
  const ratioRule = (name: string, key: 'lowestEfficiency' | 'highestUserWastedPercent') => {
    const text = values[name];
    if (typeof text !== 'string') return;
    if (text === 'off') return void delete rules[key];
    const value = Number(text);
    if (text.trim() === '' || !Number.isFinite(value) || value < 0 || value > 1) {
      throw new UsageError(`--${name} must be a ratio from 0 to 1 or "off", not "${text}".`);
    }
    rules[key] = value;
  };
  ratioRule('lowest-efficiency', 'lowestEfficiency');
  ratioRule('highest-user-wasted-percent', 'highestUserWastedPercent');
  const wasted = values['highest-wasted-bytes'];
  if (typeof wasted === 'string' && wasted !== 'off') {
    const bytes = parseByteSize(wasted);
    if (bytes === undefined) {
      throw new UsageError(
        `--highest-wasted-bytes must be a size like 20MB or "off", not "${wasted}".`,
      );
    }
    rules.highestWastedBytes = bytes;
  }
  return rules;
}
