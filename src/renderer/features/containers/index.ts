import ViewInArIcon from '@mui/icons-material/ViewInAr';
import type { Feature } from '../../common/feature';
import { ContainersPage } from './ContainersPage';

export const containersFeature: Feature = {
  route: 'containers',
  label: 'Containers',
  Icon: ViewInArIcon,
  Page: ContainersPage,
  cacheRules: [],
};
