import type { StowageBridge } from '../../shared';

export type ConnectionListener = (connected: boolean) => void;

/** A bridge plus whether it is up: only browser mode can lose its transport. */
export interface Transport {
  bridge: StowageBridge;
  connected(): boolean;
  onConnectionChange(listener: ConnectionListener): () => void;
}
