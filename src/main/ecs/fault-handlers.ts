import { StowageError } from '../../shared';
import type { ecsFaultCalls } from '../../shared/contract/ecs-services';
import type { CallHandler } from '../rpc/handlers';
import { unavailableZones } from './control-plane/zones/outages';
import type { AppEcs } from './simulator';

/**
 * The contract's fault-injection calls. A killed container is killed by the runtime as
 * `docker kill` would (SIGKILL, exit 137), so the control plane learns of it as it learns of
 * any container that dies outside the app.
 */
export function ecsFaultHandlers(ecs: AppEcs): {
  [K in keyof typeof ecsFaultCalls]: CallHandler<K>;
} {
  return {
    'ecs.faults.killContainer': async ({ cluster, task, containerName }) => {
      const { controlPlane, runtime } = await ecs.get();
      const answer = await controlPlane.describeTasks({ cluster, tasks: [task] });
      const found = answer.tasks?.[0];
      if (!found?.taskArn) throw new StowageError('NOT_FOUND', `Task ${task}: MISSING.`);
      const running = (found.containers ?? []).filter((c) => c.lastStatus === 'RUNNING');
      const essentials = new Set(
        (controlPlane.state.tasks[found.taskArn]?.containers.filter((c) => c.essential) ?? []).map(
          (c) => c.name,
        ),
      );
      const target = containerName
        ? running.find((c) => c.name === containerName)
        : (running.find((c) => essentials.has(c.name ?? '')) ?? running[0]);
      const name = target?.name;
      if (!name || !(await runtime.killContainer(found.taskArn, name))) {
        throw new StowageError(
          'CONFLICT',
          containerName
            ? `Container ${containerName} of the task is not running.`
            : 'The task has no running container.',
        );
      }
      return {};
    },
    'ecs.faults.setZone': async ({ availabilityZone, available }) => {
      const { controlPlane } = await ecs.get();
      await controlPlane.setZoneAvailable(availabilityZone, available);
      return {};
    },
    'ecs.faults.zones': async () => {
      const { controlPlane } = await ecs.get();
      return { unavailableZones: unavailableZones(controlPlane.state) };
    },
  };
}
