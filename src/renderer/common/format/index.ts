export { formatBytes, formatMemory } from './bytes';
export { formatDuration } from './duration';
export { formatRelativeTime } from './relative-time';
export { plural } from './plural';
