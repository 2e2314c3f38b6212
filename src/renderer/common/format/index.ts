export { formatBytes } from './bytes';
export { formatDuration } from './duration';
export { formatRelativeTime } from './relative-time';
