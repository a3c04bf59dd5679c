import type { SeqGapEvent } from '@max/api-spec';
import { toWireLogLine } from '../deployments/deploy-wire.js';
import type { LogKind, LogOutput, LogStore, StoredLogLine } from '../deployments/log-store.js';
import type { ChannelContext } from './channel.js';

export interface LogStreamOptions {
  kind: LogKind;
  id: string;
  stream?: LogOutput | undefined;
  /** Lines per replay batch (and per live `lines` event at most). */
  batchSize?: number;
  /**
   * How long live lines are gathered into one `lines` event, ms. Default 0: the lines of one event-loop turn go
   * out together right after it (a pipe read of a busy app is hundreds of lines; a quiet app's line goes at once).
   */
  batchDelayMs?: number;
}

/**
 * One subscriber's view of a sequenced log stream (`logs:app`, `logs:build`, `logs:network`; docs/protocol.md
 * §4): replay after a cursor, then live, with no repeat and no skip in between.
 *
 * It subscribes BEFORE it reads the head and the history, holds live lines while replaying, and only ever pushes
 * lines with `seq > cursor`. Every append goes through this process's LogStore, so live lines arrive in seq
 * order without holes; lines pruned before they could be replayed are reported as one `gap`.
 */
export class LogStream {
  readonly #logs: LogStore;
  readonly #context: ChannelContext;
  readonly #options: LogStreamOptions;
  readonly #unsubscribe: () => void;
  #pending: StoredLogLine[] = [];
  #outbox: StoredLogLine[] = [];
  #timer: NodeJS.Timeout | undefined;
  #immediate: NodeJS.Immediate | undefined;
  #catchingUp = true;
  #cursor = 0;
  /** Called once the replay is done (the build stream uses it to end after a finished deployment). */
  #onCaughtUp: (() => void) | undefined;

  constructor(logs: LogStore, context: ChannelContext, options: LogStreamOptions) {
    this.#logs = logs;
    this.#context = context;
    this.#options = options;
    this.#unsubscribe = logs.subscribe(options.kind, options.id, (line) => {
      if (context.signal.aborted) return;
      this.#pending.push(line);
      if (!this.#catchingUp) this.#drainPending();
    });
  }

  /** The newest seq now (read after subscribing): the join reply's `last_seq`. */
  head(): number {
    return this.#logs.latestSeq(this.#options.kind, this.#options.id);
  }

  /** Where the replay starts: the client's cursor, or (without one) the head. */
  start(cursor: number): void {
    this.#cursor = cursor;
  }

  /** The tail lines to send before going live (join with `tail`, no cursor). */
  tailLines(count: number): StoredLogLine[] {
    return this.#logs.tail(this.#options.kind, this.#options.id, count, this.#options.stream);
  }

  /** Replays everything after the cursor (after `prefix`, e.g. tail lines), then goes live. */
  async catchUp(prefix: StoredLogLine[] = []): Promise<void> {
    const { kind, id, stream } = this.#options;
    const batchSize = this.#options.batchSize ?? 500;
    const { signal } = this.#context;
    if (prefix.length > 0) this.#push(prefix);
    for (;;) {
      if (signal.aborted) return;
      const earliest = this.#logs.earliestSeq(kind, id);
      if (this.#cursor + 1 < earliest) this.#gap(earliest - 1);
      const batch = this.#logs.listAfter(kind, id, this.#cursor, batchSize, stream).filter((l) => l.seq > this.#cursor);
      if (batch.length > 0) {
        this.#push(batch);
        await this.#context.drain();
      }
      if (batch.length < batchSize) break;
    }
    this.#catchingUp = false;
    this.#drainPending();
    this.#flush();
    this.#onCaughtUp?.();
  }

  /** Runs `fn` now if the replay is over, else right after it. */
  whenCaughtUp(fn: () => void): void {
    if (this.#catchingUp) this.#onCaughtUp = fn;
    else fn();
  }

  /** Sends every line received so far at once (before a final event such as `eof`). */
  flushNow(): void {
    this.#drainPending();
    this.#flush();
  }

  get cursor(): number {
    return this.#cursor;
  }

  stop(): void {
    this.#unsubscribe();
    clearTimeout(this.#timer);
    clearImmediate(this.#immediate);
    this.#pending = [];
    this.#outbox = [];
  }

  #drainPending(): void {
    const lines = this.#pending;
    this.#pending = [];
    for (const line of lines) {
      if (line.seq <= this.#cursor) continue;
      this.#cursor = line.seq;
      if (this.#options.stream && line.stream !== this.#options.stream) continue;
      this.#outbox.push(line);
    }
    if (this.#outbox.length >= (this.#options.batchSize ?? 500)) this.#flush();
    else if (this.#outbox.length > 0 && !this.#timer && !this.#immediate) {
      const delayMs = this.#options.batchDelayMs ?? 0;
      if (delayMs > 0) this.#timer = setTimeout(() => this.#flush(), delayMs);
      else this.#immediate = setImmediate(() => this.#flush());
    }
  }

  #flush(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    clearImmediate(this.#immediate);
    this.#immediate = undefined;
    if (this.#outbox.length === 0 || this.#context.signal.aborted) return;
    const lines = this.#outbox;
    this.#outbox = [];
    this.#context.push('lines', { lines: lines.map(toWireLogLine) });
  }

  #push(lines: StoredLogLine[]): void {
    const last = lines[lines.length - 1];
    if (!last) return;
    this.#cursor = Math.max(this.#cursor, last.seq);
    this.#context.push('lines', { lines: lines.map(toWireLogLine) });
  }

  #gap(toSeq: number): void {
    const gap: SeqGapEvent = { from_seq: this.#cursor + 1, to_seq: toSeq, reason: 'retention' };
    this.#cursor = toSeq;
    this.#context.push('gap', gap);
  }
}
