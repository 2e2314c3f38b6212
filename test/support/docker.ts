import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** Every container, image, network and volume the tests create carries this label. */
export const TEST_LABEL = 'dev.stowage.test';
export const TEST_LABEL_VALUE = '1';
export const TEST_LABEL_FILTER = `label=${TEST_LABEL}=${TEST_LABEL_VALUE}`;
/** Fixture images also carry this label, valued with a hash of how they are built. */
export const FIXTURE_LABEL = 'dev.stowage.test.fixture';

/** The host's static busybox: the only binary the test base image needs. */
export const HOST_BUSYBOX = '/bin/busybox';

export interface DockerCommandOptions {
  /** Environment for the docker CLI on top of this process's (e.g. another DOCKER_HOST). */
  env?: Record<string, string>;
  timeoutMs?: number;
}

/** Runs the docker CLI and returns its trimmed stdout; rejects with its stderr in the message. */
export async function docker(args: string[], options: DockerCommandOptions = {}): Promise<string> {
  try {
    const { stdout } = await execFileAsync('docker', args, {
      env: { ...process.env, ...options.env },
      timeout: options.timeoutMs ?? 120_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    return stdout.trim();
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new Error(`docker ${args.join(' ')} failed${stderr ? `: ${stderr}` : ''}`, {
      cause: error,
    });
  }
}

/** Whether an engine answers `docker version` (never judged by the socket file). */
export async function dockerAvailable(options: DockerCommandOptions = {}): Promise<boolean> {
  try {
    await docker(['version', '--format', '{{.Server.Version}}'], {
      timeoutMs: 10_000,
      ...options,
    });
    return true;
  } catch {
    return false;
  }
}

export async function assertDockerAvailable(): Promise<void> {
  if (!(await dockerAvailable())) {
    throw new Error(
      'No Docker engine answers `docker version`. Run `npm run test:setup` (it installs and ' +
        'starts dockerd) or point DOCKER_HOST at a running engine.',
    );
  }
}

export interface TestImageSpec {
  /** One `repository:tag`, or several for the same image. */
  tag: string | readonly string[];
  /** Absolute paths in the image -> file contents, added in one COPY layer. */
  files?: Record<string, string>;
  /** Dockerfile lines appended after the base and the files (RUN, CMD, ENV, ...). */
  extraDockerfileLines?: readonly string[];
  /** Extra labels, set right after FROM so intermediate images carry them too. */
  labels?: Record<string, string>;
}

export interface TestImage {
  /** Full image id, `sha256:...`. */
  id: string;
  tags: string[];
  /** Bytes, as `docker image inspect` reports them. */
  size: number;
}

/** The base image carries this label, valued with a hash of how it is built. */
export const BASE_LABEL = 'dev.stowage.test.base';

const baseDockerfileLines = [
  'FROM scratch',
  `LABEL ${TEST_LABEL}="${TEST_LABEL_VALUE}"`,
  'COPY busybox /bin/busybox',
  'RUN ["/bin/busybox","--install","-s","/bin"]',
];

export interface TestBaseImage {
  id: string;
  /** What BASE_LABEL says on the base: its Dockerfile and the busybox it copies, hashed. */
  hash: string;
}

let baseBuild: Promise<TestBaseImage> | undefined;

/**
 * The one base every test image is built on: FROM scratch, the host's static busybox in one
 * layer and its applets' links in a second, so images built on it share those two layers
 * (the same ChainIDs). Untagged, so it stays out of image lists while images are built on it;
 * labelled with TEST_LABEL (every step of it too) and removed with them. Built once and found
 * again by its label, by this process and by later ones.
 */
export async function testBaseImage(): Promise<TestBaseImage> {
  const known = await baseBuild?.catch(() => undefined);
  if (known && (await inspectImage(known.id))) return known;
  baseBuild = findOrBuildBase();
  return baseBuild;
}

async function findOrBuildBase(): Promise<TestBaseImage> {
  const hash = createHash('sha256')
    .update(baseDockerfileLines.join('\n'))
    .update(await readFile(HOST_BUSYBOX))
    .digest('hex')
    .slice(0, 16);
  const filter = `label=${BASE_LABEL}=${hash}`;
  const [existing] = await listIds(['images', '-aq', '--no-trunc', '--filter', filter]);
  if (existing) return { id: existing, hash };
  const context = await mkdtemp(join(tmpdir(), 'stowage-test-base-'));
  try {
    await copyFile(HOST_BUSYBOX, join(context, 'busybox'));
    const dockerfile = [...baseDockerfileLines, `LABEL ${BASE_LABEL}="${hash}"`];
    await writeFile(join(context, 'Dockerfile'), `${dockerfile.join('\n')}\n`);
    const id = await docker(['build', '--force-rm', '--quiet', context], {
      env: { DOCKER_BUILDKIT: '0' },
      timeoutMs: 300_000,
    });
    return { id, hash };
  } finally {
    await rm(context, { recursive: true, force: true });
  }
}

/**
 * Builds an image on the test base (testBaseImage) with the docker CLI, labelled with
 * TEST_LABEL. The labels come right after FROM so the intermediate images of the legacy
 * builder carry them too; BASE_LABEL is overridden to name the base, so that only the base
 * itself answers to its value.
 */
export async function buildTestImage(spec: TestImageSpec): Promise<TestImage> {
  const tags = typeof spec.tag === 'string' ? [spec.tag] : [...spec.tag];
  if (tags.length === 0) throw new Error('buildTestImage needs at least one tag');

  const base = await testBaseImage();
  const context = await mkdtemp(join(tmpdir(), 'stowage-test-image-'));
  try {
    const dockerfile = [
      `FROM ${base.id}`,
      `LABEL ${TEST_LABEL}="${TEST_LABEL_VALUE}" ${BASE_LABEL}="on ${base.hash}"`,
      ...Object.entries(spec.labels ?? {}).map(([name, value]) => `LABEL ${name}="${value}"`),
    ];
    const files = Object.entries(spec.files ?? {});
    if (files.length > 0) {
      for (const [imagePath, contents] of files) {
        const target = join(context, 'files', posix.normalize(`/${imagePath}`));
        await mkdir(dirname(target), { recursive: true });
        await writeFile(target, contents);
      }
      dockerfile.push('COPY files/ /');
    }
    dockerfile.push(...(spec.extraDockerfileLines ?? []));
    await writeFile(join(context, 'Dockerfile'), `${dockerfile.join('\n')}\n`);

    await docker(
      ['build', '--force-rm', '--quiet', ...tags.flatMap((tag) => ['-t', tag]), context],
      {
        // The legacy builder works with every engine and CLI here and needs no buildx plugin.
        env: { DOCKER_BUILDKIT: '0' },
        timeoutMs: 300_000,
      },
    );
    return await inspectTestImage(tags[0] as string);
  } finally {
    await rm(context, { recursive: true, force: true });
  }
}

export async function inspectTestImage(reference: string): Promise<TestImage> {
  const image = await inspectImage(reference);
  if (!image) throw new Error(`docker image inspect ${reference} returned nothing`);
  return { id: image.Id, tags: image.RepoTags ?? [], size: image.Size };
}

interface InspectedImage {
  Id: string;
  RepoTags: string[] | null;
  Size: number;
  Config?: { Labels?: Record<string, string> | null };
}

/** The engine's view of an image, or undefined when there is no such image. */
export async function inspectImage(reference: string): Promise<InspectedImage | undefined> {
  try {
    const [image] = JSON.parse(await docker(['image', 'inspect', reference])) as InspectedImage[];
    return image;
  } catch (error) {
    if (/No such image/i.test((error as Error).message)) return undefined;
    throw error;
  }
}

async function listIds(args: string[]): Promise<string[]> {
  const output = await docker(args);
  return [...new Set(output.split(/\s+/).filter(Boolean))];
}

/**
 * Removes every container, image, network and volume labelled TEST_LABEL; never throws. With
 * `keep`, the fixture images stay for the next suite of this run, with only their own tags.
 */
export async function removeTestResources(keep?: FixtureKeeper): Promise<void> {
  const problems: string[] = [];
  const attempt = async (work: () => Promise<unknown>): Promise<void> => {
    try {
      await work();
    } catch (error) {
      problems.push((error as Error).message);
    }
  };

  await attempt(async () => {
    const containers = await listIds(['ps', '-aq', '--filter', TEST_LABEL_FILTER]);
    // The engine may be removing some already (a cancelled build's intermediate container).
    if (containers.length > 0) {
      await docker(['rm', '--force', '--volumes', ...containers]).catch((error: Error) => {
        if (!/already in progress|No such container/.test(error.message)) throw error;
      });
    }
  });
  // Tagged images first (their untagged parents go with them), then whatever is left; a parent
  // that still has a child cannot be removed even with --force.
  for (const listing of [
    ['images', '-q'],
    ['images', '-aq'],
  ]) {
    await attempt(async () => {
      const list = (filter: string) => listIds([...listing, '--no-trunc', '--filter', filter]);
      const kept = new Set(keep ? await list(`label=${FIXTURE_LABEL}`) : []);
      const images = (await list(TEST_LABEL_FILTER)).filter((image) => !kept.has(image));
      for (const image of images) {
        await docker(['rmi', '--force', image]).catch((error: Error) => {
          if (!/No such image|image has dependent child images/.test(error.message)) throw error;
        });
      }
    });
  }
  if (keep) await attempt(() => keep.dropForeignTags());
  await attempt(() => docker(['network', 'prune', '--force', '--filter', TEST_LABEL_FILTER]));
  // `volume prune` leaves named volumes alone on engines of API 1.42 and later: remove by name.
  await attempt(async () => {
    const volumes = await listIds(['volume', 'ls', '-q', '--filter', TEST_LABEL_FILTER]);
    if (volumes.length > 0) await docker(['volume', 'rm', '--force', ...volumes]);
  });

  if (problems.length > 0) {
    console.warn(`removeTestResources: some test resources may remain:\n${problems.join('\n')}`);
  }
}

/** What removeTestResources needs to keep the fixture images clean for the next suite. */
export interface FixtureKeeper {
  /** Removes the tags tests added to fixture images, leaving only the fixtures' own. */
  dropForeignTags(): Promise<void>;
}

/**
 * An image's size as `docker images` prints it, with a space before the unit as Stowage shows
 * it ("1.99MB" -> "1.99 MB"): the docker CLI is the reference the UI must agree with.
 * `reference` is a `repository:tag`; `docker images` does not filter by id.
 */
export async function dockerPrintedSize(reference: string): Promise<string> {
  const printed = await docker(['images', '--format', '{{.Size}}', reference]);
  const match = /^([\d.]+)\s*([kMGTPE]?B)$/.exec(printed.split('\n')[0]?.trim() ?? '');
  if (!match) throw new Error(`unexpected size "${printed}" from docker images ${reference}`);
  return `${match[1]} ${match[2]}`;
}
