import LayersIcon from '@mui/icons-material/Layers';
import { cacheRule } from '../../api';
import type { Feature } from '../../common/feature';
import { ImagesPage } from './ImagesPage';

export const imagesFeature: Feature = {
  route: 'images',
  label: 'Images',
  Icon: LayersIcon,
  Page: ImagesPage,
  cacheRules: [
    // A tag or untag changes an image's names in the detail too; containers change the
    // per-image container counts.
    cacheRule('engine.event', (event) =>
      event.type === 'image'
        ? ['images.list', 'images.inspect']
        : event.type === 'container'
          ? ['images.list', 'images.inspect']
          : [],
    ),
  ],
};
