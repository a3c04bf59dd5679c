import { describe, expect, it } from 'vitest';
import { DetachEscape } from './detach-escape.js';

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const feedAll = (chunks: string[]) => {
  const escape = new DetachEscape();
  let sent = '';
  for (const chunk of chunks) {
    const result = escape.feed(new TextEncoder().encode(chunk));
    sent += text(result.send);
    if (result.detach) return { sent, detach: true };
  }
  return { sent, detach: false };
};

describe('the detach escape (Enter ~ .)', () => {
  it.each([
    { name: 'after Enter', chunks: ['ls\r~.'], sent: 'ls\r', detach: true },
    { name: 'as the first keys', chunks: ['~.'], sent: '', detach: true },
    { name: 'across separate reads', chunks: ['echo hi\r', '~', '.'], sent: 'echo hi\r', detach: true },
    { name: 'not inside a line', chunks: ['cd ~.', '\r'], sent: 'cd ~.\r', detach: false },
    { name: '~~ sends one ~', chunks: ['\r~~.'], sent: '\r~.', detach: false },
    { name: '~ then another key sends both', chunks: ['\r~/bin\r'], sent: '\r~/bin\r', detach: false },
    { name: 'after a newline too', chunks: ['a\n~.'], sent: 'a\n', detach: true },
    { name: 'Ctrl-C is passed through', chunks: ['\u0003'], sent: '\u0003', detach: false },
  ])('$name', ({ chunks, sent, detach }) => {
    expect(feedAll(chunks)).toEqual({ sent, detach });
  });
});
