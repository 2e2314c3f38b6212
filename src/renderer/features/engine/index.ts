import DnsIcon from '@mui/icons-material/Dns';
import { cacheRule } from '../../api';
import type { Feature } from '../../common/feature';
import { EnginePage } from './EnginePage';

const countedTypes = new Set(['image', 'container', 'volume']);

export const engineFeature: Feature = {
  route: 'engine',
  label: 'Engine',
  Icon: DnsIcon,
  Page: EnginePage,
  cacheRules: [
    cacheRule('engine.event', (event) => (countedTypes.has(event.type) ? ['engine.info'] : [])),
  ],
};

export { EngineStatusIndicator } from './EngineStatusIndicator';
