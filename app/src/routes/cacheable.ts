import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CatalogSnapshot } from '../domain/catalog/snapshot.js';
import { adminSessionCookie } from '../plugins/admin-session-cookie.js';
import { cartCookieName } from '../plugins/cart-cookie.js';

/**
 * What a shared cache (CDN, reverse proxy) may do with an anonymous catalog answer: keep it one
 * second, and serve it a few seconds more while it asks again. A price or stock figure shown
 * from there is at most that old; the checkout reads both again in its own transaction.
 */
export const sharedCacheControl = 'public, max-age=0, s-maxage=1, stale-while-revalidate=4';
/** Anything that carries a cart or an admin session is one visitor's, never a shared cache's. */
export const privateCacheControl = 'private, no-store';

/** No cart and no admin session cookie: the answer is the same for every such visitor. */
export function isAnonymous(request: FastifyRequest): boolean {
  const cookies = request.cookies;
  return cookies[cartCookieName] === undefined && cookies[adminSessionCookie] === undefined;
}

/** A strong validator: the digest of the body itself, so every replica that renders the same bytes agrees. */
export function etagOf(body: Buffer): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
}

export function etagMatches(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  return header.split(',').some((candidate) => {
    const tag = candidate.trim();
    return tag === '*' || tag === etag || tag === `W/${etag}`;
  });
}

/**
 * Sends a catalog answer rendered by `render` from `snapshot` (or from the database when the
 * snapshot is null, i.e. unusable). Anonymous answers carry an ETag, answer a matching
 * If-None-Match with 304, may be kept briefly by shared caches, and are remembered per snapshot
 * under their URL, so the next request for the same URL is sent without rendering. A snapshot
 * is replaced on every catalog change, and its remembered answers go with it.
 */
export async function sendCacheable(
  request: FastifyRequest,
  reply: FastifyReply,
  contentType: string,
  snapshot: CatalogSnapshot | null,
  render: (snapshot: CatalogSnapshot | null) => string | Promise<string>,
): Promise<FastifyReply> {
  reply.header('vary', 'Cookie');
  const cacheRequests = request.server.metrics.responseCache.requests;
  if (!isAnonymous(request)) {
    cacheRequests.inc({ result: 'bypass' });
    reply.header('cache-control', privateCacheControl);
    return reply.type(contentType).send(await render(snapshot));
  }
  const key = request.url;
  let rendered = snapshot?.renders.get(key);
  // Without a usable snapshot the answer is rendered from the database and kept nowhere.
  cacheRequests.inc({ result: snapshot === null ? 'bypass' : rendered === undefined ? 'miss' : 'hit' });
  if (rendered === undefined) {
    const body = Buffer.from(await render(snapshot));
    rendered = { body, etag: etagOf(body) };
    snapshot?.renders.set(key, rendered);
  }
  reply.header('etag', rendered.etag).header('cache-control', sharedCacheControl);
  if (etagMatches(request.headers['if-none-match'], rendered.etag)) return reply.code(304).send();
  return reply.type(contentType).send(rendered.body);
}
