import type { DeploymentFailure, DeploymentState, LogLine } from '../types.js';

/**
 * One item of `deployments.watch`: a state change, a build log line, a range of build log lines the platform
 * no longer holds, or a tick of the new release's stabilization window.
 *
 * @example
 * ```ts
 * for await (const item of client.deployments.watch('dep_123')) {
 *   if (item.type === 'log') console.log(item.line.line);
 *   else if (item.type === 'state') console.error(`→ ${item.state}`);
 *   else console.error(`-- ${item.toSeq - item.fromSeq + 1} build log lines were lost (${item.reason}) --`);
 * }
 * ```
 */
export type DeploymentWatchItem =
  | {
      type: 'state';
      state: DeploymentState;
      /** The state before, when known (a reconnect or a poll may skip intermediate states, never the final one). */
      previousState: DeploymentState | null;
      /** The release this deployment made, once it got that far. */
      release: number | null;
      failure: DeploymentFailure | null;
    }
  | { type: 'log'; line: LogLine }
  | { type: 'log_gap'; fromSeq: number; toSeq: number; reason: string }
  | {
      /**
       * One tick (about a second) of the new release's stabilization window, after traffic switched to it: the
       * platform watches the process for `maxAttempts` ticks before the deployment counts as `running`. Only over
       * channels (polling sees the window as `releasing`).
       */
      type: 'health_check';
      release: number;
      attempt: number;
      maxAttempts: number;
      /** False when the process exited (the window ends at that tick). */
      ok: boolean;
      message: string;
    };

/**
 * Options of `deployments.watch`.
 *
 * @example
 * ```ts
 * const options: DeploymentWatchOptions = { afterSeq: 120, transport: 'polling', pollIntervalMs: 500 };
 * ```
 */
export interface DeploymentWatchOptions {
  /** Build log lines after this seq (default 0: the whole build log). Pass the last seq seen to resume. */
  afterSeq?: number;
  /** Ends the watch; the iterator then rejects with `MaxAbortError`. */
  signal?: AbortSignal;
  /**
   * `channels` (default): the `deployment:<id>` and `logs:build:<id>` channels over one WebSocket, falling back to
   * polling from the last seq if the socket cannot be used. `polling`: REST only.
   */
  transport?: 'channels' | 'polling';
  /** Polling interval (default 1000 ms). */
  pollIntervalMs?: number;
}

/** States after which nothing changes. @internal */
export const FINAL_STATES: ReadonlySet<DeploymentState> = new Set(['running', 'failed', 'rolled_back', 'cancelled']);
