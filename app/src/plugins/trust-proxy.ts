import type { FastifyServerOptions } from 'fastify';
import type { TrustProxy } from '../config.js';

/**
 * Fastify's trustProxy option for TRUST_PROXY. Fastify 5 turns a plain number into "trust
 * nothing" (it cannot check the peer), so a hop count becomes a function trusting the
 * nearest `hops` senders: the client address is then the entry those proxies appended, and
 * whatever a client wrote further left in X-Forwarded-For is ignored. That is only sound when
 * nothing but those proxies can reach the port, which the NetworkPolicy guarantees in the
 * cluster; elsewhere list the proxies' addresses instead.
 */
export function trustProxyOption(trust: TrustProxy): FastifyServerOptions['trustProxy'] {
  if (trust === false) return false;
  if ('hops' in trust) {
    const { hops } = trust;
    return (_address: string, hop: number) => hop < hops;
  }
  return trust.addresses;
}
