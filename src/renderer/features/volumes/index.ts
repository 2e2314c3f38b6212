import StorageIcon from '@mui/icons-material/Storage';
import { cacheRule } from '../../api';
import type { Feature } from '../../common/feature';
import { VolumesPage } from './VolumesPage';

export const volumesFeature: Feature = {
  route: 'volumes',
  label: 'Volumes',
  Icon: StorageIcon,
  Page: VolumesPage,
  cacheRules: [
    // A container created or removed changes who uses a volume, and what it wrote its size.
    cacheRule('engine.event', (event) =>
      event.type === 'volume'
        ? ['volumes.list', 'volumes.inspect', 'volumes.prunePreview', 'volumes.files']
        : event.type === 'container' && ['create', 'destroy', 'die'].includes(event.action)
          ? ['volumes.list', 'volumes.inspect', 'volumes.prunePreview']
          : [],
    ),
  ],
};
