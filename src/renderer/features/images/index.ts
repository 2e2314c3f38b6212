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
    // Containers change the per-image container counts as well.
    cacheRule('engine.event', (event) =>
      event.type === 'image' || event.type === 'container' ? ['images.list'] : [],
    ),
  ],
};
