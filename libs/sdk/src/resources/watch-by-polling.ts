import { abortableSleep } from '../core/abortable-sleep.js';
import { MaxAbortError } from '../errors/error-classes.js';
import type { Deployment, DeploymentState, LogPage } from '../types.js';
import { FINAL_STATES, type DeploymentWatchItem } from './deployment-watch.js';

/** What polling needs from the client. @internal */
export interface PollingSource {
  getDeployment(id: string, signal: AbortSignal | undefined): Promise<Deployment>;
  buildLogPage(id: string, afterSeq: number, signal: AbortSignal | undefined): Promise<LogPage>;
}

/** Lines per log request while polling: the API's maximum, so a chatty build drains in few requests. @internal */
export const LOG_PAGE_LIMIT = 1000;

/**
 * Follows a deployment over REST: each round reads the deployment, reports a new state, then drains the build
 * log up to now. A final state is held back until the log is drained, so it always comes after the last line.
 *
 * @internal
 */
export async function* watchByPolling(
  source: PollingSource,
  id: string,
  options: { afterSeq: number; signal: AbortSignal | undefined; intervalMs: number; lastState?: DeploymentState | undefined },
): AsyncGenerator<DeploymentWatchItem, void, undefined> {
  const { signal, intervalMs } = options;
  let afterSeq = options.afterSeq;
  let lastState = options.lastState;
  for (;;) {
    const deployment = await source.getDeployment(id, signal);
    const final = FINAL_STATES.has(deployment.state);
    const changed: DeploymentWatchItem | undefined =
      deployment.state === lastState
        ? undefined
        : { type: 'state', state: deployment.state, previousState: lastState ?? null, release: deployment.release, failure: deployment.failure };
    lastState = deployment.state;
    // A new state comes before the lines read after it (they were most likely written in it); the final state
    // comes after the very last line.
    if (changed && !final) yield changed;
    for (;;) {
      const page = await source.buildLogPage(id, afterSeq, signal);
      if (page.earliest_seq !== null && afterSeq + 1 < page.earliest_seq) {
        yield { type: 'log_gap', fromSeq: afterSeq + 1, toSeq: page.earliest_seq - 1, reason: 'retention' };
        afterSeq = page.earliest_seq - 1;
      }
      for (const line of page.data) {
        if (line.seq <= afterSeq) continue;
        afterSeq = line.seq;
        yield { type: 'log', line };
      }
      if (!page.has_more || page.data.length === 0) break;
    }
    if (changed && final) yield changed;
    if (final) return;
    try {
      await abortableSleep(intervalMs, signal);
    } catch (error) {
      throw new MaxAbortError({ code: 'aborted', message: `Watching deployment ${id} was aborted`, cause: error });
    }
  }
}
