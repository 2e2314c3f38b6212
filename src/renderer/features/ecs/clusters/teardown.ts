import type { EcsClusterContents } from '../../../../shared/contract/ecs';
// The client's own module rather than the api index (React): the teardown also runs in Node
// tests against the app's handlers.
import type { StowageClient } from '../../../api/client';

export const teardownSteps = [
  'services',
  'tasks',
  'instances',
  'settle',
  'cluster',
  'engine',
] as const;
export type TeardownStep = (typeof teardownSteps)[number];
export type StepState = 'waiting' | 'running' | 'done' | 'failed';

export interface StepProgress {
  state: StepState;
  /** What the step is at: "2 of 5 stopped". */
  detail?: string;
}

export type TeardownProgress = Record<TeardownStep, StepProgress>;

export const stepTitles: Record<TeardownStep, string> = {
  services: 'Delete the services (force) and wait for their tasks to stop',
  tasks: 'Stop the tasks',
  instances: 'Deregister the container instances',
  settle: 'Wait for every task to reach STOPPED',
  cluster: 'Delete the cluster',
  engine: 'Remove the task containers and the network',
};

export const initialProgress = (): TeardownProgress => ({
  services: { state: 'waiting' },
  tasks: { state: 'waiting' },
  instances: { state: 'waiting' },
  settle: { state: 'waiting' },
  cluster: { state: 'waiting' },
  engine: { state: 'waiting' },
});

export const stopReason = 'Cluster deleted with everything in it';

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

/** What deleting the cluster with everything in it takes along, one line each. */
export function previewLines(contents: EcsClusterContents): string[] {
  const lines: string[] = [];
  if (contents.services > 0) {
    lines.push(`${plural(contents.services, 'service')}, deleted with force first`);
  }
  if (contents.activeTasks > 0) lines.push(`${plural(contents.activeTasks, 'task')} to stop`);
  if (contents.stoppedTasks > 0) lines.push(plural(contents.stoppedTasks, 'stopped task'));
  if (contents.instances > 0) lines.push(plural(contents.instances, 'container instance'));
  if (contents.containers > 0) {
    lines.push(`${plural(contents.containers, 'task container')} on the Docker engine`);
  }
  for (const network of contents.networks) lines.push(`the network ${network}`);
  return lines;
}

export interface TeardownOptions {
  cluster: string;
  client: Pick<StowageClient, 'call'>;
  onProgress(step: TeardownStep, progress: StepProgress): void;
  /** Resolves when it is time to look again at what is still going. */
  pause(): Promise<void>;
  /** How many times a step looks again before it gives up. */
  maxPolls: number;
}

/**
 * Deletes a cluster with everything in it, step by step: deletes its services with force
 * (ECS refuses to delete a cluster that has any) and waits until they have drained, stops its tasks, force-deregisters its
 * instances, waits for the tasks to reach STOPPED, deletes the cluster, then waits for the
 * runtime to remove the task containers and network it made. Throws at the first step that
 * fails, after reporting it failed.
 */
export async function tearDownCluster(options: TeardownOptions): Promise<void> {
  const { cluster, client, onProgress } = options;
  let current: TeardownStep = 'services';
  const step = async (name: TeardownStep, work: () => Promise<string | undefined>) => {
    current = name;
    onProgress(name, { state: 'running' });
    const detail = await work();
    onProgress(name, { state: 'done', ...(detail === undefined ? {} : { detail }) });
  };
  const contents = () => client.call('ecs.clusters.contents', { cluster });
  const poll = async <T>(
    name: TeardownStep,
    look: () => Promise<T>,
    done: (seen: T) => boolean,
    left: (seen: T) => string,
  ) => {
    for (let poll = 0; ; poll++) {
      const seen = await look();
      if (done(seen)) return;
      if (poll >= options.maxPolls) throw new Error(`Still there: ${left(seen)}.`);
      onProgress(name, { state: 'running', detail: `${left(seen)}…` });
      await options.pause();
    }
  };
  const until = (
    name: TeardownStep,
    done: (seen: EcsClusterContents) => boolean,
    left: (seen: EcsClusterContents) => string,
  ) => poll(name, contents, done, left);

  try {
    await step('services', async () => {
      const active = (await client.call('ecs.services.list', { cluster })).filter(
        (service) => service.status === 'ACTIVE',
      );
      for (const service of active) {
        await client.call('ecs.services.delete', {
          cluster,
          service: service.serviceArn ?? service.serviceName ?? '',
          force: true,
        });
      }
      // The list holds ACTIVE and DRAINING services: a deleted one leaves it once its tasks
      // have stopped.
      await poll(
        'services',
        () => client.call('ecs.services.list', { cluster }),
        (left) => left.length === 0,
        (left) => `${plural(left.length, 'service')} draining`,
      );
      return `${plural(active.length, 'service')} deleted`;
    });
    await step('tasks', async () => {
      const tasks = await client.call('ecs.tasks.list', { cluster, desiredStatus: 'RUNNING' });
      let stopped = 0;
      for (const task of tasks) {
        await client.call('ecs.tasks.stop', {
          cluster,
          task: task.taskArn ?? '',
          reason: stopReason,
        });
        stopped++;
        onProgress('tasks', {
          state: 'running',
          detail: `${stopped} of ${tasks.length} asked to stop`,
        });
      }
      return `${plural(stopped, 'task')} asked to stop`;
    });
    await step('instances', async () => {
      const instances = (await client.call('ecs.instances.list', { cluster })).filter(
        (instance) => instance.status !== 'INACTIVE',
      );
      for (const instance of instances) {
        await client.call('ecs.instances.deregister', {
          cluster,
          containerInstance: instance.containerInstanceArn ?? '',
          force: true,
        });
      }
      return `${plural(instances.length, 'instance')} deregistered`;
    });
    await step('settle', async () => {
      await until(
        'settle',
        (seen) => seen.activeTasks === 0,
        (seen) => `${plural(seen.activeTasks, 'task')} still stopping`,
      );
      return undefined;
    });
    await step('cluster', async () => {
      await client.call('ecs.clusters.delete', { cluster });
      return undefined;
    });
    await step('engine', async () => {
      await until(
        'engine',
        (seen) => seen.containers === 0 && seen.networks.length === 0,
        (seen) =>
          [
            seen.containers > 0 ? plural(seen.containers, 'container') : '',
            ...seen.networks.map((network) => `the network ${network}`),
          ]
            .filter(Boolean)
            .join(', '),
      );
      return undefined;
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    onProgress(current, { state: 'failed', detail: message });
    throw error;
  }
}
