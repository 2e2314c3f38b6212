import ViewInArIcon from '@mui/icons-material/ViewInAr';
import { cacheRule } from '../../api';
import type { Feature } from '../../common/feature';
import { ContainersPage } from './ContainersPage';

export const containersFeature: Feature = {
  route: 'containers',
  label: 'Containers',
  Icon: ViewInArIcon,
  Page: ContainersPage,
  cacheRules: [
    // The list itself follows events row by row while it is shown (useLiveContainers).
    cacheRule('engine.event', (event) =>
      event.type === 'container'
        ? ['containers.inspect', 'containers.top', 'containers.changes', 'containers.prunePreview']
        : [],
    ),
  ],
};
