/** The only IPC channel names in the code base; the preload and main transport use them. */
export const ipcChannels = {
  call: 'stowage:call',
  cancel: 'stowage:cancel',
  event: 'stowage:event',
} as const;

/** The path of the WebSocket in browser mode. */
export const webSocketPath = '/api/ws';
