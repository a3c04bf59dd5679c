export interface BackoffOptions {
  /** First delay in ms. Default 250. */
  initialMs?: number;
  /** Cap in ms. Default 15 000. */
  maxMs?: number;
  /** Growth per attempt. Default 2. */
  factor?: number;
  /** Fraction of the delay that is random (0..1): delay × (1 − jitter × random). Default 0.5. */
  jitter?: number;
  /**
   * A connection must stay open this long before the attempt counter resets (unless a channel joined on it
   * first, see {@link Backoff.progressed}). Default 10 000 ms.
   */
  stablePeriodMs?: number;
}

/**
 * Exponential backoff with jitter and a cap. Unlike phoenix's own timer, it does NOT reset the moment a
 * connection opens: a server (or proxy) that accepts and then drops every connection would otherwise be hammered
 * at the shortest delay forever. The counter resets when the connection did real work — a channel join the
 * server answered `ok` ({@link progressed}) — or after it stayed up for `stablePeriodMs`. Without the first rule a
 * network that cuts every few seconds made the delay grow to the cap although every connection streamed, and a
 * follower fell behind the server's retention (docs/adr/0009-logs-throughput-and-reconnects.md).
 */
export class Backoff {
  readonly #initialMs: number;
  readonly #maxMs: number;
  readonly #factor: number;
  readonly #jitter: number;
  readonly #stablePeriodMs: number;
  readonly #random: () => number;
  #attempt = 0;
  #stableTimer: NodeJS.Timeout | undefined;

  constructor(options: BackoffOptions = {}, random: () => number = Math.random) {
    this.#initialMs = options.initialMs ?? 250;
    this.#maxMs = options.maxMs ?? 15_000;
    this.#factor = options.factor ?? 2;
    this.#jitter = Math.min(1, Math.max(0, options.jitter ?? 0.5));
    this.#stablePeriodMs = options.stablePeriodMs ?? 10_000;
    this.#random = random;
  }

  /** Failed attempts in a row so far. */
  get attempt(): number {
    return this.#attempt;
  }

  /** Counts one more failure and returns the delay before the next attempt. */
  next(): number {
    this.#attempt += 1;
    const base = Math.min(this.#maxMs, this.#initialMs * this.#factor ** (this.#attempt - 1));
    return Math.round(base * (1 - this.#jitter * this.#random()));
  }

  /** The connection opened: reset the counter once it has stayed open for the stable period. */
  opened(): void {
    clearTimeout(this.#stableTimer);
    this.#stableTimer = setTimeout(() => {
      this.#attempt = 0;
    }, this.#stablePeriodMs);
  }

  /**
   * The connection did real work (a channel joined on it): the server is healthy, so the next drop is a fresh
   * failure, not one more in a row.
   */
  progressed(): void {
    clearTimeout(this.#stableTimer);
    this.#stableTimer = undefined;
    this.#attempt = 0;
  }

  /** The connection dropped (before or after the stable period). */
  dropped(): void {
    clearTimeout(this.#stableTimer);
    this.#stableTimer = undefined;
  }

  dispose(): void {
    this.dropped();
  }
}
