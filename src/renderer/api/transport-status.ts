import { useContext, useEffect, useState } from 'react';
import { TransportContext } from './hooks';

/**
 * Whether the transport to the service is up. Starts optimistic: a first connection that is
 * merely slow is not worth a warning; only a drop after that is.
 */
export function useTransportConnected(): boolean {
  const transport = useContext(TransportContext);
  const [connected, setConnected] = useState(true);
  useEffect(() => transport?.onConnectionChange(setConnected), [transport]);
  return connected;
}
