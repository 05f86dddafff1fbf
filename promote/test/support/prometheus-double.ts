import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';

/**
 * The Prometheus HTTP API as documented (https://prometheus.io/docs/prometheus/latest/querying/api/),
 * written down independently of the client in src/prometheus.ts: the response envelope and the
 * four result types. Every response the double serves must satisfy it, so a recorded response
 * that Prometheus could not have sent fails the test instead of passing it.
 */
// Sample values are strings: a decimal float, or NaN / +Inf / -Inf.
const sampleValue = z.string().refine((value) => value === 'NaN' || value === '+Inf' || value === '-Inf' || (value.trim() !== '' && Number.isFinite(Number(value))), { error: 'expected a float sample value as a string' });
const sample = z.tuple([z.number(), sampleValue]);
const labels = z.record(z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/), z.string());
const data = z.discriminatedUnion('resultType', [
  z.strictObject({ resultType: z.literal('vector'), result: z.array(z.strictObject({ metric: labels, value: sample })) }),
  z.strictObject({ resultType: z.literal('matrix'), result: z.array(z.strictObject({ metric: labels, values: z.array(sample) })) }),
  z.strictObject({ resultType: z.literal('scalar'), result: sample }),
  z.strictObject({ resultType: z.literal('string'), result: z.tuple([z.number(), z.string()]) }),
]);
export const prometheusResponse = z.union([
  z.strictObject({ status: z.literal('success'), data, warnings: z.array(z.string()).optional(), infos: z.array(z.string()).optional() }),
  z.strictObject({ status: z.literal('error'), errorType: z.string(), error: z.string(), data: z.unknown().optional() }),
]);
/** The documented error codes: 400 bad parameters, 422 an expression that cannot run, 503 timeout. */
const errorStatuses = new Set([400, 422, 503]);

export interface Recorded {
  readonly status: number;
  readonly body: unknown;
}

export interface QueryRecord {
  readonly query: string;
  readonly time: number;
  readonly authorization: string | undefined;
}

/** A Prometheus on 127.0.0.1 that answers GET /api/v1/query from `answer`, behind a bearer token like a real proxy would put it. */
export class PrometheusDouble {
  private server: Server | undefined;
  readonly queries: QueryRecord[] = [];
  answer: (query: string) => Recorded = () => ({ status: 422, body: { status: 'error', errorType: 'execution', error: 'no answer recorded' } });

  constructor(private readonly token: string) {}

  get url(): string {
    const address = this.server?.address() as AddressInfo | undefined;
    if (!address) throw new Error('PrometheusDouble is not started');
    return `http://127.0.0.1:${address.port}`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const send = (recorded: Recorded) => {
        const parsed = prometheusResponse.safeParse(recorded.body);
        if (!parsed.success) throw new Error(`the double was asked to serve a response outside the Prometheus API format: ${parsed.error.message}`);
        if (recorded.status !== 200 && !errorStatuses.has(recorded.status)) throw new Error(`Prometheus does not answer the API with ${recorded.status}`);
        res.writeHead(recorded.status, { 'Content-Type': 'application/json' }).end(JSON.stringify(recorded.body));
      };
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (req.headers.authorization !== `Bearer ${this.token}`) {
        res.writeHead(401, { 'Content-Type': 'text/plain' }).end('Unauthorized');
        return;
      }
      if (req.method !== 'GET' || url.pathname !== '/api/v1/query') {
        res.writeHead(404).end();
        return;
      }
      const query = url.searchParams.get('query') ?? '';
      const time = Number(url.searchParams.get('time'));
      if (query === '' || !Number.isFinite(time)) {
        send({ status: 400, body: { status: 'error', errorType: 'bad_data', error: 'invalid parameter "query" or "time"' } });
        return;
      }
      this.queries.push({ query, time, authorization: req.headers.authorization });
      send(this.answer(query));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => { resolve(); }));
  }
}
