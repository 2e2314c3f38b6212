import StackedBarChart from '@mui/icons-material/StackedBarChart';
import { cacheRule } from '../../api';
import type { Feature } from '../../common/feature';
import { LayersPage } from './LayersPage';

export const layersFeature: Feature = {
  route: 'layers',
  label: 'Layers',
  Icon: StackedBarChart,
  Page: LayersPage,
  cacheRules: [
    // Images and containers coming and going change the stacks and their read-write layers.
    cacheRule('engine.event', (event) =>
      event.type === 'image' || event.type === 'container' ? ['layers.sharing'] : [],
    ),
  ],
};

/** One image's layers and its containers' read-write layers, for other pages to embed. */
export { ImageLayersPicture } from './ImageLayersPicture';
