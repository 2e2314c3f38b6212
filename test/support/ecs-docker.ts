import { connectEngine, systemEndpointSources } from '../../src/main/docker/connection/engine';
import {
  EcsControlPlane,
  type EcsControlPlaneOptions,
} from '../../src/main/ecs/control-plane/core/control-plane';
import {
  createLoadBalancerDataPlane,
  type LoadBalancerProxy,
} from '../../src/main/ecs/load-balancer/data-plane';
import { openDockerRuntime } from '../../src/main/ecs/runtime/docker-probe';
import type { DockerRuntime } from '../../src/main/ecs/runtime/docker-runtime';
import { plugInLoadBalancers } from '../../src/main/ecs/simulator';
import { systemClock } from '../../src/main/lib/clock';
import { docker, TEST_LABEL, TEST_LABEL_VALUE } from './docker';
import { waitFor } from './wait-for';

export interface DockerEcsOptions {
  /** The cluster created for the test; its containers are the ones counted and cleaned up. */
  cluster: string;
  reconcileIntervalMs: number;
  settings?: EcsControlPlaneOptions['settings'];
}

/** A control plane running its tasks as real, test-labelled containers on the engine. */
export interface DockerEcs {
  runtime: DockerRuntime;
  plane: EcsControlPlane;
  /** The running containers of the cluster's tasks: container id by task ARN. */
  runningContainers(): Promise<Map<string, string>>;
  /** Scales `services` to 0, waits for their containers to go, then closes the plane and runtime. */
  close(services: readonly string[]): Promise<void>;
}

/**
 * The real-engine set-up of the ECS integration tests: the Docker runtime (failing when the
 * engine does not answer), a control plane over it on the system clock, and a cluster with
 * one m5.large instance.
 */
export async function openDockerEcs(options: DockerEcsOptions): Promise<DockerEcs> {
  const { cluster } = options;
  const engine = connectEngine({
    sources: systemEndpointSources(),
    clock: systemClock,
    onStatus: () => undefined,
    onEvent: () => undefined,
  });
  const probe = await openDockerRuntime({
    engine,
    clock: systemClock,
    extraLabels: { [TEST_LABEL]: TEST_LABEL_VALUE },
  });
  if (!('runtime' in probe)) throw new Error(`the engine did not answer: ${probe.unavailable}`);
  const { runtime } = probe;
  const plane = new EcsControlPlane({
    clock: systemClock,
    runtime,
    reconcileIntervalMs: options.reconcileIntervalMs,
    ...(options.settings && { settings: options.settings }),
    onError: (error) => console.error(error),
  });
  await plane.createCluster({ clusterName: cluster });
  await plane.launchInstances({ cluster, instanceType: 'm5.large' });

  const runningContainers = async () => {
    const out = await docker([
      'ps',
      '--filter',
      `label=com.amazonaws.ecs.cluster=${cluster}`,
      '--format',
      '{{.ID}} {{.Label "com.amazonaws.ecs.task-arn"}}',
    ]);
    const byTask = new Map<string, string>();
    for (const line of out.split('\n').filter(Boolean)) {
      const [id, taskArn] = line.split(' ');
      byTask.set(taskArn ?? '', id ?? '');
    }
    return byTask;
  };

  return {
    runtime,
    plane,
    runningContainers,
    async close(services) {
      for (const service of services) {
        await plane.updateService({ cluster, service, desiredCount: 0 }).catch(() => undefined);
      }
      await waitFor(async () => (await runningContainers()).size === 0, {
        what: `the services of ${cluster} scaled to 0`,
        timeoutMs: 60_000,
      }).catch((error: unknown) => console.error(error));
      plane.dispose();
      runtime.close();
    },
  };
}

/** The fixture image whose busybox serves the httpd task definitions below. */
export const httpdImage = 'stowage-test/layered:1.0';

/**
 * Family `site`: busybox httpd on port 8080 answering `echo`'s words (shell, so `$(hostname)`
 * works), after `setUp` (shell commands ending in `&& `, e.g. CGI scripts under /srv/cgi-bin).
 * httpd as PID 1 ignores SIGTERM: a short stop timeout keeps rollouts quick.
 */
export function httpdSite(echo: string, setUp = '') {
  return {
    family: 'site',
    containerDefinitions: [
      {
        name: 'httpd',
        image: httpdImage,
        memory: 32,
        cpu: 64,
        stopTimeout: 2,
        command: [
          'sh',
          '-c',
          `echo ${echo} > /srv/index.html && ${setUp}exec httpd -f -p 8080 -h /srv`,
        ],
        portMappings: [{ containerPort: 8080, hostPort: 0 }],
      },
    ],
  };
}

/** The load balancers' real data plane wired to `plane` as the app wires it. */
export function plugInDataPlane(plane: EcsControlPlane): {
  dataPlane: LoadBalancerProxy;
  /** Unplugs the data plane and closes its listeners. */
  close(): Promise<void>;
} {
  const dataPlane = createLoadBalancerDataPlane({
    clock: systemClock,
    onError: (error) => console.error(error),
  });
  const unplug = plugInLoadBalancers(plane, dataPlane, 'docker');
  return {
    dataPlane,
    close: async () => {
      unplug();
      await dataPlane.close();
    },
  };
}
