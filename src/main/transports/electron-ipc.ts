import { ipcMain, type IpcMainEvent, type WebContents } from 'electron';
import { ipcChannel, type ServerMessage } from '../../shared';
import { createClientConnection, type ClientConnection } from '../rpc/connection';
import type { EventHub } from '../rpc/event-hub';
import type { Router } from '../rpc/router';

/**
 * The contract over Electron IPC: one channel, protocol messages both ways. Only the app's
 * own page may talk (`isTrustedSender` decides from the sending frame's URL, and only the
 * main frame counts). Each page load of a window is one client connection: a navigation or
 * reload closes it, the new page's hello opens the next.
 */
export function serveOverIpc(
  services: { router: Router; events: EventHub },
  isTrustedSender: (url: string) => boolean,
): { attach(contents: WebContents): void } {
  const connections = new Map<number, ClientConnection>();
  const attached = new Map<number, WebContents>();

  const closeConnection = (id: number) => {
    connections.get(id)?.close();
    connections.delete(id);
  };

  const connectionFor = (contents: WebContents): ClientConnection => {
    let connection = connections.get(contents.id);
    if (!connection) {
      connection = createClientConnection({
        router: services.router,
        events: services.events,
        send: (message: ServerMessage) => {
          if (!contents.isDestroyed()) contents.send(ipcChannel, message);
        },
        disconnect: () => closeConnection(contents.id),
      });
      connections.set(contents.id, connection);
    }
    return connection;
  };

  const trusted = (event: IpcMainEvent) =>
    attached.has(event.sender.id) &&
    event.senderFrame !== null &&
    event.senderFrame === event.sender.mainFrame &&
    isTrustedSender(event.senderFrame.url);

  ipcMain.on(ipcChannel, (event, message: unknown) => {
    if (trusted(event)) connectionFor(event.sender).receive(message);
  });

  return {
    attach(contents) {
      attached.set(contents.id, contents);
      contents.on('did-start-navigation', (details) => {
        if (details.isMainFrame && !details.isSameDocument) closeConnection(contents.id);
      });
      contents.on('render-process-gone', () => closeConnection(contents.id));
      contents.once('destroyed', () => {
        closeConnection(contents.id);
        attached.delete(contents.id);
      });
    },
  };
}
