import { contextBridge, ipcRenderer } from 'electron';
import { ipcChannels } from '../shared/channels';
import type { AnyEvent } from '../shared/contract';
import type { Envelope } from '../shared/errors';
import type { CallRequest, StowageBridge } from '../shared/protocol';

// Only bridges: every call, cancellation and event of the contract passes through these three
// channels unchanged. Validation happens in main, types come from the shared contract.
const bridge: StowageBridge = {
  call: (request: CallRequest) =>
    ipcRenderer.invoke(ipcChannels.call, request) as Promise<Envelope<unknown>>,
  cancel: (id: number) => ipcRenderer.send(ipcChannels.cancel, id),
  onEvent(listener: (event: AnyEvent) => void) {
    const forward = (_event: Electron.IpcRendererEvent, payload: AnyEvent) => listener(payload);
    ipcRenderer.on(ipcChannels.event, forward);
    return () => ipcRenderer.off(ipcChannels.event, forward);
  },
};

contextBridge.exposeInMainWorld('stowage', bridge);
