import type Docker from 'dockerode';
import type { ecsContract } from '../../../shared/contract/ecs';
import type { DomainHandlers } from '../../rpc/handlers';
import type { TaskAgent } from './task-agent';
import { whoAmIInTask } from './whoami';

export type EcsAgentCalls = Pick<
  DomainHandlers<typeof ecsContract>,
  'ecs.tasks.agent' | 'ecs.tasks.whoami'
>;

/** The container agent of the Docker runtime, and the engine it runs tasks on. */
export interface AgentWiring {
  agent: TaskAgent;
  docker: () => Docker;
}

/** The task detail's view of the container agent: roles, requests, and who-am-I. */
export function ecsAgentHandlers(wiring: AgentWiring | undefined): EcsAgentCalls {
  const agent = wiring?.agent;
  return {
    'ecs.tasks.agent': async ({ taskArn }) =>
      agent ? agent.view(taskArn) : { served: false, roles: [], requests: [] },
    'ecs.tasks.whoami': async ({ taskArn }, { signal }) => {
      if (!wiring) return { source: 'none', detail: 'Tasks are simulated: no container to ask.' };
      return whoAmIInTask(
        wiring.docker(),
        taskArn,
        (key, token) => wiring.agent.identify(key, token),
        signal,
      );
    },
  };
}
