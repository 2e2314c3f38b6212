import HubIcon from '@mui/icons-material/Hub';
import type { CallName, EcsResource } from '../../../shared';
import { cacheRule } from '../../api';
import type { Feature } from '../../common/feature';
import { EcsPage } from './EcsPage';

/** The queries each kind of ECS resource feeds; a lost zone shows as its instances' agents. */
const staleCalls: Record<EcsResource, readonly CallName[]> = {
  clusters: ['ecs.clusters.list', 'ecs.clusters.contents'],
  instances: ['ecs.instances.list', 'ecs.faults.zones', 'ecs.events.list'],
  taskDefinitions: [
    'ecs.taskDefinitions.list',
    'ecs.taskDefinitions.families',
    'ecs.taskDefinitions.describe',
    'ecs.taskDefinitions.export',
  ],
  tasks: [
    'ecs.tasks.list',
    'ecs.tasks.describe',
    'ecs.events.list',
    'ecs.services.list',
    'ecs.services.describe',
  ],
  services: [
    'ecs.services.list',
    'ecs.services.describe',
    'ecs.services.deployments',
    'ecs.services.revisions',
  ],
  loadBalancers: ['ecs.loadBalancers.list'],
  listeners: ['ecs.loadBalancers.list'],
  targetGroups: ['ecs.loadBalancers.list'],
  autoScaling: ['ecs.autoScaling.get'],
};

export const ecsFeature: Feature = {
  route: 'ecs',
  label: 'ECS',
  Icon: HubIcon,
  Page: EcsPage,
  // Every committed change of the control plane says what it touched: no polling.
  cacheRules: [
    cacheRule('ecs.changed', ({ resources }) =>
      resources.flatMap((resource) => staleCalls[resource]),
    ),
    cacheRule('ecs.agent.changed', () => ['ecs.tasks.agent']),
  ],
};
