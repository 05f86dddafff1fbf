import { createServer, type Server } from 'node:http';

// An OTLP/HTTP trace receiver on loopback for the JSON protocol (OTEL_EXPORTER_OTLP_PROTOCOL=
// http/json), per the OTLP specification: POST /v1/traces with an ExportTraceServiceRequest,
// ids as hex strings, times as nanosecond strings.

export type AttributeValue = string | number | boolean;

export interface ReceivedSpan {
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  kind: number;
  durationMs: number;
  startNs: bigint;
  attributes: Record<string, AttributeValue>;
  scope: string;
}

interface OtlpAnyValue { stringValue?: string; intValue?: string | number; doubleValue?: number; boolValue?: boolean }
interface OtlpSpan {
  traceId: string; spanId: string; parentSpanId?: string; name: string; kind: number;
  startTimeUnixNano: string; endTimeUnixNano: string;
  attributes?: { key: string; value: OtlpAnyValue }[];
}
interface OtlpRequest { resourceSpans?: { scopeSpans?: { scope?: { name?: string }; spans?: OtlpSpan[] }[] }[] }

function valueOf(value: OtlpAnyValue): AttributeValue {
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.intValue !== undefined) return Number(value.intValue);
  if (value.doubleValue !== undefined) return value.doubleValue;
  if (value.boolValue !== undefined) return value.boolValue;
  return JSON.stringify(value);
}

export interface OtlpReceiver {
  endpoint: string;
  spans: ReceivedSpan[];
  /** Every request body as received, for searching the raw export. */
  bodies: string[];
  close(): Promise<void>;
}

export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const spans: ReceivedSpan[] = [];
  const bodies: string[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.method !== 'POST' || request.url !== '/v1/traces' || !(request.headers['content-type'] ?? '').startsWith('application/json')) {
        response.writeHead(415).end();
        return;
      }
      const body = Buffer.concat(chunks).toString('utf8');
      bodies.push(body);
      const parsed = JSON.parse(body) as OtlpRequest;
      for (const resource of parsed.resourceSpans ?? []) {
        for (const scope of resource.scopeSpans ?? []) {
          for (const span of scope.spans ?? []) {
            const start = BigInt(span.startTimeUnixNano);
            spans.push({
              traceId: span.traceId,
              spanId: span.spanId,
              parentSpanId: span.parentSpanId ?? '',
              name: span.name,
              kind: span.kind,
              startNs: start,
              durationMs: Number(BigInt(span.endTimeUnixNano) - start) / 1e6,
              attributes: Object.fromEntries((span.attributes ?? []).map((a) => [a.key, valueOf(a.value)])),
              scope: scope.scope?.name ?? '',
            });
          }
        }
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('receiver has no port');
  return {
    endpoint: `http://127.0.0.1:${String(address.port)}`,
    spans,
    bodies,
    close: () => new Promise((resolve) => server.close(() => { resolve(); })),
  };
}

/** The spans of one trace as an indented tree with durations, children in start order. */
export function formatTrace(spans: ReceivedSpan[]): string {
  const lines: string[] = [];
  const walk = (parent: string, depth: number) => {
    for (const span of spans.filter((s) => s.parentSpanId === parent).sort((a, b) => (a.startNs < b.startNs ? -1 : 1))) {
      lines.push(`${'  '.repeat(depth)}${span.name}  ${span.durationMs.toFixed(2)} ms`);
      walk(span.spanId, depth + 1);
    }
  };
  walk('', 0);
  return lines.join('\n');
}
