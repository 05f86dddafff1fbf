import { SpanStatusCode, trace } from '@opentelemetry/api';
import { DomainError } from '../domain/domain-errors.js';
import type { PlaceOrderResult } from '../domain/orders/place-order.js';

const tracer = trace.getTracer('storefront');

// What a slow or failed checkout looks like to the operator: its outcome and its size. Never
// the buyer: no name, address, email, cart id, voucher code or token goes into a span.
function outcomeOf(error: unknown): string {
  if (!(error instanceof DomainError)) return 'error';
  return error.code.startsWith('voucher_') ? 'voucher_refused' : error.code;
}

/** Runs `work` inside a `checkout` span that records how it ended. A no-op when tracing is off. */
export function traceCheckout(work: () => Promise<PlaceOrderResult>): Promise<PlaceOrderResult> {
  return tracer.startActiveSpan('checkout', async (span) => {
    try {
      const result = await work();
      span.setAttributes({
        'checkout.outcome': result.replayed ? 'replayed' : 'created',
        'checkout.line_count': result.order.lines.length,
        'checkout.item_count': result.order.lines.reduce((sum, line) => sum + line.quantity, 0),
        'checkout.voucher_applied': result.order.voucherCode !== null,
      });
      return result;
    } catch (error) {
      span.setAttribute('checkout.outcome', outcomeOf(error));
      if (error instanceof DomainError) span.setAttribute('checkout.refusal_code', error.code);
      else span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : 'error' });
      throw error;
    } finally {
      span.end();
    }
  });
}
