import { ipcMain, type IpcMainEvent, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { callRequestSchema, ipcChannels, StowageError, type AnyEvent } from '../../shared';
import type { Services } from '../services';
import { createCallSession, type CallSession } from './call-session';

/**
 * The contract over Electron IPC. Only the app's own pages may call: `isTrustedSender` decides
 * from the sending frame's URL. Each window gets its own call session, closed with the window.
 */
export function serveOverIpc(
  services: Services,
  isTrustedSender: (url: string) => boolean,
): { attach(contents: WebContents): void } {
  const sessions = new Map<number, CallSession>();
  const sessionFor = (contents: WebContents) => {
    let session = sessions.get(contents.id);
    if (!session) {
      session = createCallSession(services.router);
      sessions.set(contents.id, session);
    }
    return session;
  };
  const trusted = (event: IpcMainInvokeEvent | IpcMainEvent) =>
    event.senderFrame !== null && isTrustedSender(event.senderFrame.url);

  ipcMain.handle(ipcChannels.call, async (event, raw: unknown) => {
    if (!trusted(event)) {
      return { error: new StowageError('INTERNAL', 'Untrusted sender.').toPayload() };
    }
    const request = callRequestSchema.safeParse(raw);
    if (!request.success) {
      return { error: new StowageError('INVALID_INPUT', 'Malformed call.').toPayload() };
    }
    return sessionFor(event.sender).call(request.data);
  });
  ipcMain.on(ipcChannels.cancel, (event, id: unknown) => {
    if (trusted(event) && typeof id === 'number') sessions.get(event.sender.id)?.cancel(id);
  });

  return {
    attach(contents) {
      const send = (event: AnyEvent) => {
        if (!contents.isDestroyed()) contents.send(ipcChannels.event, event);
      };
      const unsubscribe = services.events.subscribe(send);
      contents.on('did-finish-load', () =>
        send({ name: 'engine.status', payload: services.engineStatus() }),
      );
      contents.once('destroyed', () => {
        unsubscribe();
        sessions.get(contents.id)?.close();
        sessions.delete(contents.id);
      });
    },
  };
}
