import EventNoteIcon from '@mui/icons-material/EventNote';
import type { Feature } from '../../common/feature';
import { EventsPage } from './EventsPage';

export const eventsFeature: Feature = {
  route: 'events',
  label: 'Events',
  Icon: EventNoteIcon,
  Page: EventsPage,
  cacheRules: [],
};
