import { connect, type Socket } from 'node:net';

// HTTP over a bare TCP socket, for what fetch cannot do: send malformed or deliberately slow
// requests and see exactly what the server writes and when it closes the connection.

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Parses the first HTTP/1.1 response in `text`; header names are lower-cased. */
export function parseResponse(text: string): RawResponse {
  const headEnd = text.indexOf('\r\n\r\n');
  if (headEnd < 0) throw new Error(`no complete HTTP response in ${JSON.stringify(text.slice(0, 200))}`);
  const [statusLine = '', ...lines] = text.slice(0, headEnd).split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3}) /.exec(statusLine)?.[1]);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status, headers, body: text.slice(headEnd + 4) };
}

export interface RawConnection {
  socket: Socket;
  /** Everything the server has written so far. */
  received(): string;
  /** Resolves with the milliseconds from connect until the server closed the connection. */
  closed: Promise<number>;
  /** Milliseconds since the connection opened. */
  elapsed(): number;
  /** performance.now() when the connection opened. */
  openedAt: number;
}

export async function openRaw(port: number): Promise<RawConnection> {
  const socket = connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => { resolve(); });
    socket.once('error', reject);
  });
  const opened = performance.now();
  let text = '';
  socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
  // A reset is how some servers end a connection; the test asserts on timing, not on FIN vs RST.
  socket.on('error', () => undefined);
  const closed = new Promise<number>((resolve) => socket.once('close', () => { resolve(performance.now() - opened); }));
  return { socket, received: () => text, closed, elapsed: () => performance.now() - opened, openedAt: opened };
}

/** Sends `request` in one write and resolves with the response once the server closes. */
export async function exchangeRaw(port: number, request: string): Promise<RawResponse> {
  const connection = await openRaw(port);
  connection.socket.write(request);
  const timer = setTimeout(() => connection.socket.destroy(), 10_000);
  await connection.closed;
  clearTimeout(timer);
  return parseResponse(connection.received());
}

/**
 * Resolves when `text` appears in what the server wrote (at or after character `from`), or
 * rejects after `timeoutMs`.
 */
export async function waitForText(connection: RawConnection, text: string, timeoutMs: number, from = 0): Promise<void> {
  const started = performance.now();
  while (!connection.received().includes(text, from)) {
    if (performance.now() - started > timeoutMs) throw new Error(`no ${JSON.stringify(text)} within ${String(timeoutMs)} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
