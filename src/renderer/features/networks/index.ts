import LanIcon from '@mui/icons-material/Lan';
import { cacheRule } from '../../api';
import type { Feature } from '../../common/feature';
import { NetworksPage } from './NetworksPage';

export const networksFeature: Feature = {
  route: 'networks',
  label: 'Networks',
  Icon: LanIcon,
  Page: NetworksPage,
  cacheRules: [
    // Connect and disconnect are network events; a container created, removed, started or
    // stopped changes who is attached and with which address.
    cacheRule('engine.event', (event) =>
      event.type === 'network' ||
      (event.type === 'container' && ['create', 'destroy', 'start', 'die'].includes(event.action))
        ? ['networks.list', 'networks.inspect', 'networks.prunePreview']
        : [],
    ),
  ],
};
