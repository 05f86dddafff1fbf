import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { trustProxyOption } from '../../../src/plugins/trust-proxy.js';
import { configProblems, minimalEnv as minimal } from '../../support/config-problems.js';

function trustProxy(value: string) {
  return loadConfig({ ...minimal, TRUST_PROXY: value }).TRUST_PROXY;
}

function problemsFor(value: string): string[] {
  return configProblems({ ...minimal, TRUST_PROXY: value });
}

/** The client address a Fastify instance with this TRUST_PROXY sees for one request. */
async function clientIp(value: string, remoteAddress: string, forwardedFor: string): Promise<string> {
  const app = Fastify({ trustProxy: trustProxyOption(trustProxy(value)) });
  app.get('/', async (request) => request.ip);
  const response = await app.inject({ method: 'GET', url: '/', remoteAddress, headers: { 'x-forwarded-for': forwardedFor } });
  await app.close();
  return response.body;
}

describe('TRUST_PROXY', () => {
  it('is off by default and with false or 0', () => {
    expect(loadConfig(minimal).TRUST_PROXY).toBe(false);
    expect(trustProxy('false')).toBe(false);
    expect(trustProxy('0')).toBe(false);
  });

  it('takes a hop count or a list of addresses and CIDR ranges', () => {
    expect(trustProxy('1')).toEqual({ hops: 1 });
    expect(trustProxy('2')).toEqual({ hops: 2 });
    expect(trustProxy('10.0.0.0/8, 192.168.1.7,fd00::/8, ::1')).toEqual({ addresses: ['10.0.0.0/8', '192.168.1.7', 'fd00::/8', '::1'] });
  });

  it('refuses true and says why: any client could spoof X-Forwarded-For', () => {
    const problems = problemsFor('true');
    console.log(`TRUST_PROXY=true: ${problems[0]}`);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^TRUST_PROXY: true is refused: it trusts X-Forwarded-For from anyone/);
    expect(problems[0]).toContain('1 behind the ingress');
  });

  it.each([
    ['10.0.0.0/8,proxy.internal', /"proxy\.internal" is not an IP address or CIDR range/],
    ['10.0.0.0/33', /"10\.0\.0\.0\/33" has a prefix length outside 1 to 32/],
    ['fd00::/129', /"fd00::\/129" has a prefix length outside 1 to 128/],
    ['10.0.0.0/255.0.0.0', /"10\.0\.0\.0\/255\.0\.0\.0" has a prefix length/],
    ['0.0.0.0/0', /"0\.0\.0\.0\/0" covers every address/],
    ['::/0', /"::\/0" covers every address/],
    ['10.0.0.1,', /an empty entry in the list/],
    ['999.1.1.1', /"999\.1\.1\.1" is not an IP address/],
    ['11', /expected at most 10 proxy hops/],
  ])('refuses %s, naming the bad entry', (value, message) => {
    const problems = problemsFor(value);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^TRUST_PROXY: /);
    expect(problems[0]).toMatch(message);
  });

  it('names every bad entry of a list', () => {
    const problems = problemsFor('10.0.0.1,nope,10.1.0.0/40');
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain('"nope"');
    expect(problems[1]).toContain('"10.1.0.0/40"');
  });

  it('with a hop count, takes the address the nearest proxy saw and ignores what the client wrote before it', async () => {
    expect(await clientIp('1', '10.0.0.5', '6.6.6.6, 203.0.113.7')).toBe('203.0.113.7');
    expect(await clientIp('2', '10.0.0.5', '6.6.6.6, 203.0.113.7, 10.0.0.9')).toBe('203.0.113.7');
    expect(await clientIp('false', '10.0.0.5', '6.6.6.6, 203.0.113.7')).toBe('10.0.0.5');
  });

  it('with a list, follows X-Forwarded-For only from listed proxies', async () => {
    expect(await clientIp('10.0.0.0/8', '10.0.0.5', '6.6.6.6, 203.0.113.7')).toBe('203.0.113.7');
    expect(await clientIp('10.0.0.0/8', '198.51.100.9', '203.0.113.7')).toBe('198.51.100.9');
    expect(await clientIp('10.0.0.0/8', '10.0.0.5', '6.6.6.6, 10.0.0.7')).toBe('6.6.6.6');
  });
});
