import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readToken } from './read-token.js';

describe('readToken', () => {
  it.each([
    ['mxp_abc\n', 'mxp_abc'],
    ['  mxp_abc  \r\n', 'mxp_abc'],
    ['mxp_abc', 'mxp_abc'],
  ])('reads %j', async (input, expected) => {
    expect(await readToken(Readable.from([Buffer.from(input)]))).toBe(expected);
  });

  it('joins chunks', async () => {
    expect(await readToken(Readable.from(['mxp_', 'abc\n']))).toBe('mxp_abc');
  });

  it.each([
    ['', /No token/],
    [' \n\n', /No token/],
    ['mxp_a\nmxp_b\n', /several lines/],
    ['mxp a', /spaces or control/],
    ['mxp_\u0007a', /spaces or control/],
    ['x'.repeat(9000), /longer than 8192 bytes/],
  ])('rejects %j without echoing it', async (input, message) => {
    const error = await readToken(Readable.from([input])).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'invalid_token_input', message: expect.stringMatching(message) });
    if (input.trim()) expect((error as Error).message).not.toContain(input.trim().slice(0, 5));
  });

  it('accepts process.stdin as its input type', () => {
    const input: Parameters<typeof readToken>[0] = process.stdin;
    expect(typeof input[Symbol.asyncIterator]).toBe('function');
  });

  it('refuses a terminal', async () => {
    const tty = Object.assign(Readable.from(['mxp_abc']), { isTTY: true });
    await expect(readToken(tty)).rejects.toMatchObject({ code: 'invalid_token_input', message: expect.stringContaining('terminal') });
  });
});
