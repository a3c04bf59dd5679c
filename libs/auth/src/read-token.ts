import { InvalidTokenInputError } from './errors.js';

/** Options of {@link readToken}. */
export interface ReadTokenOptions {
  /** Refuse more input than this (bytes). Default 8 KiB: tokens are well under 200 bytes. */
  maxBytes?: number;
}

/**
 * Reads one token from a stream (normally stdin for `rig login --with-token`): trims surrounding whitespace and
 * one trailing newline, and rejects empty input, several lines, inner whitespace or control characters. Nothing
 * read is ever echoed or quoted in an error. A TTY is refused: typing a token there would echo it.
 *
 * @throws {InvalidTokenInputError}
 * @example
 * const token = await readToken(process.stdin);
 */
export async function readToken(
  stream: AsyncIterable<string | Uint8Array> & { isTTY?: boolean },
  options: ReadTokenOptions = {},
): Promise<string> {
  if (stream.isTTY) {
    throw new InvalidTokenInputError('Refusing to read a token from a terminal (it would be echoed); pipe it on stdin instead.');
  }
  const maxBytes = options.maxBytes ?? 8192;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk);
    size += buffer.length;
    if (size > maxBytes) throw new InvalidTokenInputError(`The input is longer than ${maxBytes} bytes; expected one token.`);
    chunks.push(buffer);
  }
  const token = Buffer.concat(chunks).toString('utf8').trim();
  if (token === '') throw new InvalidTokenInputError('No token was given on stdin.');
  if (/[\r\n]/.test(token)) throw new InvalidTokenInputError('Expected one token on one line, but the input has several lines.');
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is being rejected
  if (/[\s\u0000-\u001f\u007f]/.test(token)) {
    throw new InvalidTokenInputError('The token contains spaces or control characters.');
  }
  return token;
}
