// A chat adapter mounted on a real express server on 127.0.0.1, as server/index.ts mounts it: its
// routes, started, listening on a free port. `close` stops the adapter and the server.
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { ChatAdapter } from '../../adapters/types.js';

export interface ServedAdapter {
  server: Server;
  /** http://127.0.0.1:<port> */
  base: string;
  close(): Promise<void>;
}

export async function serveAdapter(adapter: ChatAdapter): Promise<ServedAdapter> {
  const app = express();
  const router = express.Router();
  app.use('/', router);
  adapter.mount(router);
  await adapter.start();
  const server: Server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    server,
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      await adapter.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
