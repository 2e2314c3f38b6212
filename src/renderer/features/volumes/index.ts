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
    // A container created or removed changes who uses a volume; one that stops has written
    // what it was going to, which changes the files and the size.
    cacheRule('engine.event', (event) =>
      event.type === 'volume' ||
      (event.type === 'container' && ['create', 'destroy', 'die'].includes(event.action))
        ? [
            'volumes.list',
            'volumes.inspect',
            'volumes.prunePreview',
            'volumes.files',
            'volumes.readFile',
          ]
        : [],
    ),
  ],
};
