import type { DeploymentFailure, DeploymentState, Release } from '../types.js';

/**
 * How a deploy (or a rollback) ended: `live`, `build_failed`, `health_check_failed` (the new release never became
 * healthy, or crashed after the switch with rollback disabled), `rolled_back` (it crashed after the switch and the
 * previous release serves again), `timed_out` (outcome unknown — the deployment goes on), `failed` (another
 * failure on the platform), `cancelled`, `submitted` (not followed).
 *
 * @example
 * ```ts
 * const done = (o: DeployOutcome) => o !== 'timed_out' && o !== 'submitted';
 * ```
 */
export type DeployOutcome =
  | 'live'
  | 'build_failed'
  | 'health_check_failed'
  | 'rolled_back'
  | 'failed'
  | 'cancelled'
  | 'timed_out'
  | 'submitted';

/** Failure reasons of the release step that mean "the new release did not work" (outcome `health_check_failed`). */
const RELEASE_FAILURES: ReadonlySet<string> = new Set(['health_check_failed', 'start_failed', 'crashed_after_release']);

/**
 * The outcome a deployment's final state stands for (`undefined` for a state that is not final).
 *
 * @example
 * ```ts
 * const d = await client.deployments.get(id);
 * console.log(classifyDeployment(d.state, d.failure) ?? 'still going');
 * ```
 */
export function classifyDeployment(state: DeploymentState, failure: DeploymentFailure | null): DeployOutcome | undefined {
  switch (state) {
    case 'running':
      return 'live';
    case 'rolled_back':
      return 'rolled_back';
    case 'cancelled':
      return 'cancelled';
    case 'failed':
      if (failure?.stage === 'build') return 'build_failed';
      // A release that crashed after the switch with no rollback failed like one that never became healthy.
      if (failure?.stage === 'release' && RELEASE_FAILURES.has(failure.reason)) return 'health_check_failed';
      return 'failed';
    default:
      return undefined;
  }
}

/**
 * The outcome of waiting for a release ({@link waitForRelease}): `undefined` (not settled in time) is `timed_out`.
 *
 * @example
 * ```ts
 * const outcome = classifyRelease(await waitForRelease(client, 'prod', 'web', 4, { timeoutMs: 60_000 }));
 * ```
 */
export function classifyRelease(settled: Pick<Release, 'state'> | undefined): 'live' | 'health_check_failed' | 'timed_out' {
  if (settled === undefined) return 'timed_out';
  return settled.state === 'failed' ? 'health_check_failed' : 'live';
}

/**
 * The exit code that stands for each outcome — the numbers of `docs/cli/exit-codes.md`, shared by `rig` and the
 * GitHub Action's `exit-code` output: 0 live/submitted · 10 build failed · 11 release unhealthy · 12 rolled back ·
 * 20 timed out · 1 otherwise.
 *
 * @example
 * ```ts
 * process.exitCode = outcomeExitCode(result.outcome);
 * ```
 */
export function outcomeExitCode(outcome: DeployOutcome): number {
  switch (outcome) {
    case 'live':
    case 'submitted':
      return 0;
    case 'build_failed':
      return 10;
    case 'health_check_failed':
      return 11;
    case 'rolled_back':
      return 12;
    case 'timed_out':
      return 20;
    case 'failed':
    case 'cancelled':
      return 1;
  }
}
