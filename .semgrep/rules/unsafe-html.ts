import type { FastifyInstance } from 'fastify';
import { html } from 'ghtml';

declare const element: { innerHTML: string; textContent: string; insertAdjacentHTML(position: string, text: string): void };
declare const message: string;

export function routes(app: FastifyInstance): void {
  app.get<{ Querystring: { q: string } }>('/search', async (request, reply) => {
    // ruleid: ghtml-raw-request-data
    const raw = html`<p>You searched for !${request.query.q}</p>`;
    // ok: ghtml-raw-request-data
    const escaped = html`<p>You searched for ${request.query.q}</p>`;
    // ruleid: ghtml-raw-plain-template
    const heading = html`<h2>!${`<em>${request.query.q}</em>`}</h2>`;
    // ok: ghtml-raw-plain-template
    const fragment = html`<section>!${html`<em>${request.query.q}</em>`}</section>`;
    return reply.type('text/html').send(raw + escaped + heading + fragment);
  });
  app.get<{ Querystring: { name: string } }>('/hello', async (request, reply) => {
    const name = request.query.name;
    // ruleid: reply-send-unescaped-request-data
    return reply.send(`<h1>Hello ${name}</h1>`);
  });
  app.get<{ Querystring: { name: string } }>('/hello-safe', async (request, reply) => {
    // ok: reply-send-unescaped-request-data
    return reply.type('text/html').send(html`<h1>Hello ${request.query.name}</h1>`);
  });
}

export function render(): void {
  // ruleid: dom-unsafe-html-sink
  element.innerHTML = message;
  // ruleid: dom-unsafe-html-sink
  element.insertAdjacentHTML('beforeend', message);
  // ok: dom-unsafe-html-sink
  element.innerHTML = '';
  element.textContent = message;
}
