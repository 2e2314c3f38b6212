import { mkdir, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { ecsEndpointDefaultPort } from '../../../shared/contract/ecs-endpoint';
import type { Clock } from '../../lib/clock';
import { atomicWriteFile } from '../../store';

const settingSchema = z
  .object({
    version: z.literal(1),
    enabled: z.boolean(),
    host: z.string().min(1).max(255),
    port: z.number().int().min(1).max(65535),
  })
  .strict();

export type EcsEndpointSetting = Omit<z.infer<typeof settingSchema>, 'version'>;

export const defaultEcsEndpointSetting: EcsEndpointSetting = {
  enabled: false,
  host: '127.0.0.1',
  port: ecsEndpointDefaultPort,
};

/** The file in Stowage's data directory that remembers whether the app serves the ECS API. */
export function ecsEndpointSettingPath(dataDir: string): string {
  return join(dataDir, 'ecs-endpoint.json');
}

export interface LoadedEcsEndpointSetting {
  setting: EcsEndpointSetting;
  /** Set when the file was unreadable and moved aside (the endpoint then stays off). */
  notice?: string;
}

/** The remembered setting; a file this version did not write is moved aside, never overwritten unseen. */
export async function loadEcsEndpointSetting(
  path: string,
  clock: Clock,
): Promise<LoadedEcsEndpointSetting> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return { setting: defaultEcsEndpointSetting };
    }
    return {
      setting: defaultEcsEndpointSetting,
      notice: `The ECS endpoint setting ${path} cannot be read: ${String(error)}`,
    };
  }
  const setting = parseSetting(text);
  if (setting) return { setting };
  const aside = `${path}.corrupt-${clock.now()}`;
  try {
    await rename(path, aside);
  } catch (error) {
    return {
      setting: defaultEcsEndpointSetting,
      notice: `The ECS endpoint setting ${path} is unreadable and could not be moved aside (${String(error)}); the endpoint is off.`,
    };
  }
  return {
    setting: defaultEcsEndpointSetting,
    notice: `The ECS endpoint setting ${path} was unreadable; it was moved to ${aside} and the endpoint is off.`,
  };
}

function parseSetting(text: string): EcsEndpointSetting | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = settingSchema.safeParse(json);
  if (!parsed.success) return undefined;
  const { enabled, host, port } = parsed.data;
  return { enabled, host, port };
}

/** Written atomically, so a crash leaves the old setting or the new one. */
export async function saveEcsEndpointSetting(
  path: string,
  dataDir: string,
  setting: EcsEndpointSetting,
): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  const text = `${JSON.stringify(settingSchema.parse({ version: 1, ...setting }), null, 2)}\n`;
  await atomicWriteFile(path, text);
}
