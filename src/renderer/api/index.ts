export { cacheRule, type CacheRule } from './cache-rules';
export type { StowageClient } from './client';
export {
  stowageQueryKey,
  stowageQueryOptions,
  useStowageClient,
  useStowageQuery,
  type StowageQueryKey,
} from './hooks';
export { useTransportConnected } from './transport-status';
export { useStowageStream, type StowageStream, type StreamStatus } from './use-stream';
export { createStowageServices, StowageProvider, type StowageServices } from './StowageProvider';
export {
  asStowageError,
  useStowageMutation,
  type MutationOutcome,
  type StowageMutation,
} from './use-mutation';
export { jsonEqual, shareListItems } from './share-items';
