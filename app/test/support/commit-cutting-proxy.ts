import { createServer, connect, type Server, type Socket } from 'node:net';

// A loopback TCP proxy in front of PostgreSQL that can lose the answer to a COMMIT: the COMMIT
// reaches the server (which commits), and the connection is cut before the reply comes back.
// That is the one failure where the client cannot know whether its transaction happened.

export interface CommitCuttingProxy {
  port: number;
  /** The next COMMIT sent through the proxy is delivered, its answer is not, and its connection is cut. */
  cutAfterNextCommit(): void;
  /** How many connections were cut so far. */
  cuts(): number;
  close(): Promise<void>;
}

// A simple-protocol Query message ('Q', length, text, NUL) whose text is COMMIT.
const commitQuery = Buffer.from('COMMIT\0');

export async function startCommitCuttingProxy(targetPort: number): Promise<CommitCuttingProxy> {
  let armed = false;
  let cuts = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    sockets.add(client);
    sockets.add(upstream);
    let cutting = false;
    const cut = (): void => {
      cuts += 1;
      client.destroy();
      upstream.destroy();
    };
    client.on('data', (chunk: Buffer) => {
      if (armed && chunk[0] === 0x51 && chunk.includes(commitQuery)) {
        armed = false;
        cutting = true;
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (cutting) {
        cut();
        return;
      }
      client.write(chunk);
    });
    for (const socket of [client, upstream]) {
      socket.on('error', () => undefined);
      socket.on('close', () => {
        sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('proxy has no port');
  return {
    port: address.port,
    cutAfterNextCommit: () => {
      armed = true;
    },
    cuts: () => cuts,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => { resolve(); }));
    },
  };
}
