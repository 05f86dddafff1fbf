// The Prometheus text exposition as samples, enough to assert on what a scrape returns.

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

// Label values with escaped quotes do not occur in the shop's metrics.
const labelPair = /([a-zA-Z_][a-zA-Z0-9_]*)="([^"]*)"/g;

export function parseExposition(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    // prom-client writes `name{labels} value`, without timestamps; values are last.
    const space = line.lastIndexOf(' ');
    const head = line.slice(0, space);
    const brace = head.indexOf('{');
    const name = brace === -1 ? head : head.slice(0, brace);
    if (space === -1 || !/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(name)) throw new Error(`not a sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const pair of (brace === -1 ? '' : head.slice(brace + 1, -1)).matchAll(labelPair)) labels[pair[1] ?? ''] = pair[2] ?? '';
    samples.push({ name, labels, value: Number(line.slice(space + 1)) });
  }
  return samples;
}

/** The one sample named `name` whose labels include `labels`; throws when there is none. */
export function sampleValue(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  const found = samples.find((sample) => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value));
  if (found === undefined) throw new Error(`no sample ${name}${JSON.stringify(labels)} in the scrape`);
  return found.value;
}

export async function scrape(metricsUrl: string): Promise<Sample[]> {
  const response = await fetch(metricsUrl, { signal: AbortSignal.timeout(5_000) });
  if (!response.ok) throw new Error(`${metricsUrl} answered ${String(response.status)}`);
  return parseExposition(await response.text());
}
