export type { StowageClient } from './client';
export { useStowageClient, useStowageQuery } from './hooks';
export { useTransportConnected } from './transport-status';
export { createStowageServices, StowageProvider, type StowageServices } from './StowageProvider';
