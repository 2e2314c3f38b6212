/** A control plane with instances in three zones and a web task definition, for service tests. */
import type { CreateServiceRequest, Service } from '@aws-sdk/client-ecs';
import { createPlane, web } from '../test-support';

export const zones = ['us-east-1a', 'us-east-1b', 'us-east-1c'];

export async function serviceWorld(instancesPerZone = 2) {
  const setup = createPlane();
  const { plane } = setup;
  await plane.createCluster();
  for (const availabilityZone of zones) {
    await plane.launchInstances({
      instanceType: 'm5.large',
      count: instancesPerZone,
      availabilityZone,
    });
  }
  await plane.registerTaskDefinition(web);
  const describe = async (service = 'web'): Promise<Service> => {
    const answer = await plane.describeServices({ services: [service] });
    const found = answer.services?.[0];
    if (!found) throw new Error(`no service ${service}`);
    return found;
  };
  const liveTasks = async (service = 'web') => {
    const { taskArns = [] } = await plane.listTasks({ serviceName: service, maxResults: 100 });
    if (taskArns.length === 0) return [];
    const { tasks = [] } = await plane.describeTasks({ tasks: taskArns });
    return tasks;
  };
  /** Runs the clock until `condition` holds, failing after `withinMs` of simulated time. */
  const runUntil = async (
    condition: () => Promise<boolean> | boolean,
    what: string,
    withinMs = 120_000,
    stepMs = 500,
  ) => {
    for (let elapsed = 0; !(await condition()); elapsed += stepMs) {
      if (elapsed >= withinMs) throw new Error(`${what} did not happen within ${withinMs} ms`);
      await setup.run(stepMs);
    }
  };
  /** The service's tasks in the state as it is: what still holds resources, what runs. */
  const counts = (service = 'web') => {
    const tasks = Object.values(plane.state.tasks).filter(
      (task) => task.serviceName === service && task.lastStatus !== 'STOPPED',
    );
    const running = tasks.filter(
      (task) => task.lastStatus === 'RUNNING' && task.desiredStatus === 'RUNNING',
    );
    return { occupying: tasks.length, running: running.length, tasks: running };
  };
  const messages = async (service = 'web') =>
    ((await describe(service)).events ?? []).map((event) => event.message ?? '');
  const steady = async (service = 'web', count?: number) => {
    const described = await describe(service);
    const deployments = described.deployments ?? [];
    const expected = count ?? described.desiredCount;
    const { occupying, running } = counts(service);
    return (
      deployments.length === 1 &&
      deployments[0]?.rolloutState === 'COMPLETED' &&
      described.runningCount === expected &&
      occupying === expected &&
      running === expected
    );
  };
  const create = (request: Partial<CreateServiceRequest> = {}) =>
    plane.createService({ serviceName: 'web', taskDefinition: 'web', desiredCount: 3, ...request });
  return { ...setup, describe, liveTasks, runUntil, steady, create, counts, messages };
}

/** Live tasks per zone. */
export function perZone(tasks: readonly { availabilityZone?: string; lastStatus?: string }[]) {
  const counts: Record<string, number> = {};
  for (const task of tasks) {
    if (task.lastStatus === 'STOPPED') continue;
    const zone = task.availabilityZone ?? '';
    counts[zone] = (counts[zone] ?? 0) + 1;
  }
  return counts;
}
