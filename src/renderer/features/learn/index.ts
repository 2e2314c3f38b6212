import SchoolIcon from '@mui/icons-material/School';
import type { Feature } from '../../common/feature';
import { LearnPage } from './LearnPage';

export const learnFeature: Feature = {
  route: 'learn',
  label: 'Learn',
  Icon: SchoolIcon,
  Page: LearnPage,
  // The tour sends no events; its page reads the progress again after each change.
  cacheRules: [],
};
