import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { relayOutput, withoutPytestRule } from '../../../fuzz/output.js';

describe('fuzz output relay', () => {
  it('turns Schemathesis closing rules into plain lines CI does not take for pytest', () => {
    expect(withoutPytestRule('============================= 3 warnings in 54.04s =============================')).toBe(
      'schemathesis: 3 warnings in 54.04s',
    );
    expect(withoutPytestRule('=================================== SUMMARY ====================================')).toBe(
      'schemathesis: SUMMARY',
    );
  });

  it('leaves every other line as it is', () => {
    for (const line of ['  1409 generated, 1409 passed', '==', 'a == b', '']) expect(withoutPytestRule(line)).toBe(line);
  });

  it('relays a stream line by line, split across chunks', async () => {
    const from = new PassThrough();
    const to = new PassThrough();
    const received: string[] = [];
    to.on('data', (chunk: Buffer) => received.push(chunk.toString()));
    relayOutput(from, to);
    from.write('first line\n=== 2 warn');
    from.end('ings in 1.00s ===\n');
    await new Promise((resolve) => setImmediate(resolve));
    expect(received.join('')).toBe('first line\nschemathesis: 2 warnings in 1.00s\n');
  });
});
