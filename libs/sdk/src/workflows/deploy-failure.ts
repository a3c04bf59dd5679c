import type { LogReadItem, LogReadOptions } from '../resources/log-read.js';
import type { LogTarget } from '../resources/log-target.js';
import type { DeploymentFailure, DeploymentState } from '../types.js';
import type { AppRef } from './app-ref.js';
import type { DeployOutcome } from './deploy-outcome.js';
import { formatDuration } from './format-units.js';

/** The part of a deploy's result a failure description reads (a `DeployResult` fits). */
export interface DeployOutcomeFacts {
  outcome: DeployOutcome;
  deploymentId: string;
  state: DeploymentState;
  release: number | null;
  failure: DeploymentFailure | null;
}

/**
 * What went wrong, for people: a stable `code`, one sentence that says what happened and what still serves, a hint
 * that says where to look next, and which log tells the story (`build` for a failed build, `app` for a release that
 * crashed or never became healthy, none otherwise).
 *
 * @example
 * ```ts
 * const d = describeDeployFailure(result, { network: 'prod', app: 'web' }, { timeoutMs: 900_000 });
 * if (d) console.error(`${d.message}\n${d.hint ?? ''}`);
 * ```
 */
export interface DeployFailureDescription {
  code: string;
  message: string;
  hint?: string;
  log: 'build' | 'app' | null;
}

/**
 * Describes a deploy that did not go live (`undefined` for `live` and `submitted`). rig prints it as its error;
 * the GitHub Action puts it in the job summary and an annotation, so both say the same thing.
 *
 * @example
 * ```ts
 * const failure = describeDeployFailure(result, { network, app }, { timeoutMs });
 * ```
 */
export function describeDeployFailure(
  result: DeployOutcomeFacts,
  target: AppRef,
  options: { timeoutMs: number; logHint?: string },
): DeployFailureDescription | undefined {
  const app = `${target.network}/${target.app}`;
  const id = result.deploymentId;
  const why = result.failure ? `: ${result.failure.message.replace(/\.$/, '')}` : '';
  const version = result.release !== null ? ` v${result.release}` : '';
  switch (result.outcome) {
    case 'live':
    case 'submitted':
      return undefined;
    case 'build_failed':
      return {
        code: 'build_failed',
        message: `The build of deployment ${id} failed${why}. The previous release keeps serving.`,
        hint: options.logHint ?? 'The build output is above, prefixed [build].',
        log: 'build',
      };
    case 'health_check_failed':
      if (result.failure?.reason === 'crashed_after_release') {
        return {
          code: 'crashed_after_release',
          message: `Release${version} of ${app} (deployment ${id}) crashed after it went live${why}. It stays in place and is restarted with backoff (--no-rollback).`,
          hint: `Read the app logs (\`rig logs app ${app}\`); \`rig rollback app ${app}\` restores the previous release.`,
          log: 'app',
        };
      }
      return {
        code: 'health_check_failed',
        message: `Release${version} of ${app} (deployment ${id}) never became healthy${why}. The previous release keeps serving.`,
        hint: 'Check that the app listens on $PORT and answers its health check path (`rig update app --health-check-path`).',
        log: 'app',
      };
    case 'rolled_back':
      return {
        code: 'rolled_back',
        message: `Deployment ${id} failed after it went live${why}, and the platform restored the previous release.`,
        hint: 'Nothing is down; fix the release and deploy again.',
        log: 'app',
      };
    case 'timed_out':
      return {
        code: 'timed_out',
        message: `Stopped waiting after ${formatDuration(options.timeoutMs / 1000)}: deployment ${id} of ${app} is still ${result.state}; it carries on without rig.`,
        hint: `Look up deployment ${id} with \`rig status app ${app}\` and \`rig releases ${app}\`, or deploy again with a longer --timeout.`,
        log: null,
      };
    case 'cancelled':
      return { code: 'cancelled', message: `Deployment ${id} of ${app} was cancelled; the previous release keeps serving.`, log: null };
    case 'failed':
      return {
        code: 'deploy_failed',
        message: `Deployment ${id} of ${app} failed${why}.`,
        hint: 'The previous release keeps serving; try again, and report it with the deployment id if it persists.',
        log: result.failure?.stage === 'build' ? 'build' : null,
      };
  }
}

/** What {@link readFailureLog} uses of a client (pass the client itself). */
export interface FailureLogClient {
  logs: { read(target: LogTarget, options?: LogReadOptions): AsyncIterable<LogReadItem> };
}

/**
 * The newest `lines` lines (default 50) of the log that tells why a deploy failed — the build log of the
 * deployment, or the app's runtime log — as text, oldest first. Empty when the description names no log.
 *
 * @example
 * ```ts
 * const failure = describeDeployFailure(result, ref, { timeoutMs });
 * if (failure) console.error((await readFailureLog(client, result.deploymentId, ref, failure)).join('\n'));
 * ```
 */
export async function readFailureLog(
  client: FailureLogClient,
  deploymentId: string,
  target: AppRef,
  failure: Pick<DeployFailureDescription, 'log'>,
  options: { lines?: number; signal?: AbortSignal } = {},
): Promise<string[]> {
  if (failure.log === null || (failure.log === 'build' && deploymentId === '')) return [];
  const logTarget: LogTarget = failure.log === 'build' ? { deployment: deploymentId } : { network: target.network, app: target.app };
  const lines: string[] = [];
  const read = client.logs.read(logTarget, { tail: options.lines ?? 50, ...(options.signal ? { signal: options.signal } : {}) });
  for await (const item of read) {
    if (item.type === 'line') lines.push(item.line.line);
    else if (item.type === 'gap') lines.push(`… ${item.toSeq - item.fromSeq + 1} earlier lines are no longer kept (${item.reason}) …`);
  }
  return lines;
}
