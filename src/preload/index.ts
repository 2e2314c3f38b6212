import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { ipcChannel } from '../shared/channels';
import type { ClientMessage, ServerMessage, StowageBridge } from '../shared/protocol';

// Only bridges: protocol messages pass through one channel unchanged, in both directions.
// Validation happens in main; the renderer's client speaks the protocol.
const bridge: StowageBridge = {
  send: (message: ClientMessage) => ipcRenderer.send(ipcChannel, message),
  onMessage(listener: (message: ServerMessage) => void) {
    const forward = (_event: IpcRendererEvent, message: ServerMessage) => listener(message);
    ipcRenderer.on(ipcChannel, forward);
    return () => ipcRenderer.off(ipcChannel, forward);
  },
};

contextBridge.exposeInMainWorld('stowage', bridge);
