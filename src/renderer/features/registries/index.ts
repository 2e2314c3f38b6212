import CloudQueueIcon from '@mui/icons-material/CloudQueue';
import type { Feature } from '../../common/feature';
import { RegistriesPage } from './RegistriesPage';

export const registriesFeature: Feature = {
  route: 'registries',
  label: 'Registries',
  Icon: CloudQueueIcon,
  Page: RegistriesPage,
  // Registries send no events; the page refreshes what it changes itself.
  cacheRules: [],
};
