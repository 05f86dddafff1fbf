// The tracing preload and the server meet here: the server's drain sequence ends by flushing
// the spans still buffered, when (and only when) the preload started an SDK.

let shutdown: (() => Promise<void>) | undefined;

export function onTracingShutdown(hook: () => Promise<void>): void {
  shutdown = hook;
}

/** Exports buffered spans and stops tracing; does nothing when tracing is off. */
export async function shutdownTracing(): Promise<void> {
  await shutdown?.();
}
