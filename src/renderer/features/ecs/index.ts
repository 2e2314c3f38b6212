import HubIcon from '@mui/icons-material/Hub';
import type { Feature } from '../../common/feature';
import { EcsPage } from './EcsPage';

export const ecsFeature: Feature = {
  route: 'ecs',
  label: 'ECS',
  Icon: HubIcon,
  Page: EcsPage,
  cacheRules: [],
};
