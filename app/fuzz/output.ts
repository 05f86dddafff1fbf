import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

// Schemathesis closes its report on a pytest-style rule ("==== 3 warnings in 54.04s ====").
// CI systems read a line of that shape as pytest's closing summary, and one without "passed"
// as a run that executed no test, which misreports the whole `npm test`. The words stay;
// the rule of equals signs around them goes.
export function withoutPytestRule(line: string): string {
  const match = /^=+ (.+?) =+$/.exec(line);
  return match ? `schemathesis: ${match[1] ?? ''}` : line;
}

/** Copies a child's output line by line, each line through withoutPytestRule. */
export function relayOutput(from: Readable, to: NodeJS.WritableStream): void {
  const lines = createInterface({ input: from, crlfDelay: Infinity });
  lines.on('line', (line) => to.write(`${withoutPytestRule(line)}\n`));
}
