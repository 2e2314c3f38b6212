import type Docker from 'dockerode';
import { openPull } from '../../docker/images/api';
import type { RegistryAuth } from '../../docker/registries/credentials';
import { withDefaultTag } from './docker-map';

/** Makes sure the engine has `image`, pulling it (with `auth`) when it has not. */
export async function ensureImage(
  docker: Docker,
  image: string,
  authFor: ((image: string, signal: AbortSignal) => Promise<RegistryAuth | undefined>) | undefined,
  signal: AbortSignal,
): Promise<void> {
  if (!image) throw new Error('the container has no image');
  try {
    await docker.getImage(image).inspect();
    return;
  } catch (error) {
    if (statusOf(error) !== 404) throw error;
  }
  const reference = withDefaultTag(image);
  const auth = await authFor?.(reference, signal);
  const stream = await openPull(docker, reference, auth, signal);
  await new Promise<void>((resolve, reject) => {
    docker.modem.followProgress(stream, (error, output: { error?: string }[] | undefined) => {
      const failure = error ?? output?.find((line) => line.error)?.error;
      if (failure) reject(failure instanceof Error ? failure : new Error(failure));
      else resolve();
    });
  });
}

/** The network named `name`, created with `labels` when missing; its IPv4 subnets. */
export async function findOrCreateNetwork(
  docker: Docker,
  name: string,
  labels: Record<string, string>,
): Promise<string[]> {
  const subnetsOf = (network: Docker.NetworkInspectInfo) =>
    (network.IPAM?.Config ?? []).map((config) => config.Subnet ?? '').filter(Boolean);
  // The name filter matches parts of names too.
  const find = async () =>
    (await docker.listNetworks({ filters: { name: [name] } })).find((n) => n.Name === name);
  const existing = await find();
  if (existing) return subnetsOf(existing);
  try {
    await docker.createNetwork({
      Name: name,
      Driver: 'bridge',
      CheckDuplicate: true,
      Labels: labels,
    });
  } catch (error) {
    // Another start created it meanwhile.
    if (statusOf(error) !== 409) throw error;
  }
  const created = await find();
  if (!created) throw new Error(`the network ${name} could not be created`);
  return subnetsOf(created);
}

/**
 * Starts the container holding an awsvpc task's network namespace; when it cannot start (its
 * image has no `sleep`), removes it and says so.
 */
export async function startNamespaceOwner(
  docker: Docker,
  options: Docker.ContainerCreateOptions,
): Promise<string> {
  const created = await docker.createContainer(options);
  try {
    await created.start();
  } catch (error) {
    await removeContainer(docker, created.id);
    throw new Error(
      `the task's network namespace needs \`sleep\` in ${options.Image}: ${messageOf(error)}`,
    );
  }
  return created.id;
}

/** `docker stop -t`: SIGTERM, then SIGKILL after `seconds`; one already stopped or gone is fine. */
export async function stopContainer(docker: Docker, id: string, seconds: number): Promise<void> {
  await docker
    .getContainer(id)
    .stop({ t: seconds })
    .catch((error: unknown) => {
      if (statusOf(error) !== 304 && statusOf(error) !== 404) throw error;
    });
}

/** Removes a container and its anonymous volumes; one already gone (or going) is fine. */
export async function removeContainer(docker: Docker, id: string): Promise<void> {
  await docker
    .getContainer(id)
    .remove({ force: true, v: true })
    .catch((error: unknown) => {
      if (statusOf(error) !== 404 && statusOf(error) !== 409) throw error;
    });
}

export function statusOf(error: unknown): number | undefined {
  return (error as { statusCode?: number } | undefined)?.statusCode;
}

/** The engine's own message (`(HTTP code 404) no such image - …` → its JSON message). */
export function messageOf(error: unknown): string {
  const json = (error as { json?: { message?: string } } | undefined)?.json;
  if (json?.message) return json.message;
  return error instanceof Error ? error.message : String(error);
}
