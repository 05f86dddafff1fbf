import { createServer, type Server } from 'node:http';

// A loopback OTLP/HTTP trace endpoint for the tracing benchmark: it takes every export the
// shop sends (http/protobuf, as the manifests configure) and only counts it, so the collector's
// side costs the shared CPU as little as possible. test/support/otlp-receiver.ts decodes spans
// (JSON) for the tests that read them.

export interface OtlpSink {
  endpoint: string;
  /** Export requests and their bytes received so far. */
  received(): { requests: number; bytes: number };
  close(): Promise<void>;
}

export async function startOtlpSink(): Promise<OtlpSink> {
  let requests = 0;
  let bytes = 0;
  const server: Server = createServer((request, response) => {
    request.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
    });
    request.on('end', () => {
      if (request.method !== 'POST' || request.url !== '/v1/traces') {
        response.writeHead(404).end();
        return;
      }
      requests += 1;
      // An empty ExportTraceServiceResponse: every span accepted (zero bytes in protobuf).
      response.writeHead(200, { 'content-type': 'application/x-protobuf', 'content-length': '0' }).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('the OTLP sink has no port');
  return {
    endpoint: `http://127.0.0.1:${String(address.port)}`,
    received: () => ({ requests, bytes }),
    close: () => new Promise((resolve) => server.close(() => { resolve(); })),
  };
}
