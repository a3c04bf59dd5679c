/**
 * The detach escape of `rig shell`, as in ssh: Enter, then `~`, then `.`. A `~` only starts an escape at the
 * beginning of a line (after Enter, or as the very first key), so a `~` inside a command line is sent as typed;
 * `~~` sends one `~`; `~` followed by anything else sends both. The parser keeps its state across chunks, since a
 * terminal may deliver `\r`, `~` and `.` in separate reads.
 */
export const DETACH_SEQUENCE_HELP = 'Enter ~ .';

const TILDE = 0x7e;
const DOT = 0x2e;
const CR = 0x0d;
const LF = 0x0a;

export interface EscapeResult {
  /** The bytes to send to the remote terminal. */
  readonly send: Uint8Array;
  /** True when the detach sequence was typed (nothing after it in this chunk is sent). */
  readonly detach: boolean;
}

export class DetachEscape {
  /** At the start of a line: a `~` here may start an escape. */
  #lineStart = true;
  /** A `~` at the start of a line was held back, waiting for the next key. */
  #pending = false;

  feed(chunk: Uint8Array): EscapeResult {
    const out: number[] = [];
    for (const byte of chunk) {
      if (this.#pending) {
        this.#pending = false;
        if (byte === DOT) return { send: Uint8Array.from(out), detach: true };
        if (byte === TILDE) {
          out.push(TILDE);
          this.#lineStart = false;
          continue;
        }
        out.push(TILDE);
      } else if (this.#lineStart && byte === TILDE) {
        this.#pending = true;
        continue;
      }
      out.push(byte);
      this.#lineStart = byte === CR || byte === LF;
    }
    return { send: Uint8Array.from(out), detach: false };
  }
}
