import type { EventActor } from './event-log.js';
import type { EnvScope } from './env-scope.js';

/** A release made as a side effect of a config change (the spec's `ReleaseRef`). */
export interface ReleaseRef {
  network: string;
  app: string;
  version: number;
}

export interface ConfigChange {
  userId: string;
  actor: EventActor;
  /** Network scope: every deployed app of the network is affected. */
  scope: EnvScope;
}

/**
 * Called inside the transaction of var/secret changes, so that "a config change makes a new release"
 * (ARCHITECTURE §3) commits or rolls back with the change. Gets every change of one batch at once (one
 * change outside a batch) and makes at most one release per affected app; returns the releases made.
 */
export type ConfigReleaser = (changes: readonly ConfigChange[]) => ReleaseRef[];

/**
 * The seam between config and deploys. Until a releaser is registered (the deploy subsystem does
 * that), no app has releases to renew, so a config change makes none.
 */
export class ConfigReleases {
  #releaser: ConfigReleaser | null = null;
  /** The changes of the batch in progress (null: none), released together when it ends. */
  #batch: ConfigChange[] | null = null;

  register(releaser: ConfigReleaser): void {
    this.#releaser = releaser;
  }

  /** A change's releases — none yet inside a batch: the batch's end makes them. */
  onChange(change: ConfigChange): ReleaseRef[] {
    if (this.#batch) {
      this.#batch.push(change);
      return [];
    }
    return this.#releaser ? this.#releaser([change]) : [];
  }

  /**
   * Runs `fn` (inside the caller's transaction) with every config change it makes collected, then makes the
   * releases for all of them at once: one release per affected app with the final config, however many scopes
   * and keys changed (`config apply`). Nested batches join the outer one.
   */
  batch<T>(fn: () => T): { result: T; releases: ReleaseRef[] } {
    if (this.#batch) return { result: fn(), releases: [] };
    const changes: ConfigChange[] = [];
    this.#batch = changes;
    let result: T;
    try {
      result = fn();
    } finally {
      this.#batch = null;
    }
    return { result, releases: changes.length > 0 && this.#releaser ? this.#releaser(changes) : [] };
  }
}
