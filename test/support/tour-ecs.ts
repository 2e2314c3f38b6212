import { docker } from './docker';

const clusterLabel = 'com.amazonaws.ecs.cluster';

/** The running containers of a tour cluster's tasks: container id by task ARN. */
export async function tourTaskContainers(cluster: string): Promise<Map<string, string>> {
  const out = await docker([
    'ps',
    '--filter',
    `label=${clusterLabel}=${cluster}`,
    '--format',
    '{{.ID}} {{.Label "com.amazonaws.ecs.task-arn"}}',
  ]);
  const byTask = new Map<string, string>();
  for (const line of out.split('\n').filter(Boolean)) {
    const [id = '', taskArn = ''] = line.split(' ');
    byTask.set(taskArn, id);
  }
  return byTask;
}

/**
 * What the Docker runtime made for the tour's clusters (containers, exited ones too, and
 * networks), removed after a test whatever the tour's own reset did.
 */
export async function removeTourClusterLeftovers(clusters: readonly string[]): Promise<void> {
  for (const cluster of clusters) {
    const ids = (await docker(['ps', '-aq', '--filter', `label=${clusterLabel}=${cluster}`]))
      .split('\n')
      .filter(Boolean);
    if (ids.length > 0) await docker(['rm', '-f', ...ids]);
    await docker(['network', 'rm', `stowage-ecs-${cluster}`]).catch(() => undefined);
  }
}
