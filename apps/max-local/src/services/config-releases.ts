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
 * Called inside the transaction of every var/secret change, so that "a config change makes a new
 * release" (ARCHITECTURE §3) commits or rolls back with the change. Returns the releases made.
 */
export type ConfigReleaser = (change: ConfigChange) => ReleaseRef[];

/**
 * The seam between config and deploys. Until a releaser is registered (the deploy subsystem does
 * that), no app has releases to renew, so a config change makes none.
 */
export class ConfigReleases {
  #releaser: ConfigReleaser | null = null;

  register(releaser: ConfigReleaser): void {
    this.#releaser = releaser;
  }

  onChange(change: ConfigChange): ReleaseRef[] {
    return this.#releaser ? this.#releaser(change) : [];
  }
}
