import { StringDecoder } from 'node:string_decoder';

/** The API stores lines of at most 16 KiB; longer ones are split (LogLine.line). Counted in UTF-16 units. */
export const MAX_LINE_LENGTH = 16 * 1024;

/**
 * Turns a byte stream into lines: UTF-8 decoded across chunk boundaries, `\n` and `\r\n` endings removed, lines
 * longer than `maxLength` split, and a last unterminated line delivered by `flush()`.
 */
export class LineSplitter {
  private readonly decoder = new StringDecoder('utf8');
  private pending = '';

  constructor(
    private readonly onLine: (line: string) => void,
    private readonly maxLength = MAX_LINE_LENGTH,
  ) {}

  push(chunk: Buffer | string): void {
    this.pending += typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    let newline = this.pending.indexOf('\n');
    while (newline !== -1) {
      this.emit(this.pending.slice(0, newline));
      this.pending = this.pending.slice(newline + 1);
      newline = this.pending.indexOf('\n');
    }
    // A process that never writes a newline must not grow the buffer without bound.
    while (this.pending.length > this.maxLength) {
      this.onLine(this.pending.slice(0, this.maxLength));
      this.pending = this.pending.slice(this.maxLength);
    }
  }

  flush(): void {
    this.pending += this.decoder.end();
    if (this.pending.length > 0) this.emit(this.pending);
    this.pending = '';
  }

  private emit(raw: string): void {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.length <= this.maxLength) {
      this.onLine(line);
      return;
    }
    for (let i = 0; i < line.length; i += this.maxLength) this.onLine(line.slice(i, i + this.maxLength));
  }
}
