import { topics } from '@max/api-spec';
import * as z from 'zod/mini';
import type { HttpCore } from '../core/http-core.js';
import { PushQueue } from '../core/push-queue.js';
import { MaxAbortError, MaxConnectionError } from '../errors/error-classes.js';
import { FINAL_STATES, type DeploymentWatchItem } from '../resources/deployment-watch.js';
import { DeploymentFailureSchema } from '../schemas/deployment.js';
import { DeploymentStateSchema } from '../schemas/deployment-state.js';
import type { DeploymentState } from '../types.js';
import { toMaxError } from './channel-error.js';
import { subscribeLogChannel } from './log-stream.js';
import { openSocket } from './open-socket.js';

const SnapshotReplySchema = z.lazy(() => z.object({
  deployment: z.object({
    state: DeploymentStateSchema,
    release: z.nullable(z.int()),
    failure: z.nullable(DeploymentFailureSchema),
  }),
}));
const HealthCheckEventSchema = z.lazy(() => z.object({
  release: z.int(),
  attempt: z.int(),
  max_attempts: z.int(),
  ok: z.boolean(),
  message: z.string(),
}));
const StateEventSchema = z.lazy(() => z.object({
  state: DeploymentStateSchema,
  previous_state: DeploymentStateSchema,
  build_log_seq: z.optional(z.int()),
  release: z.nullable(z.int()),
  failure: z.nullable(DeploymentFailureSchema),
}));

/**
 * How long the final state waits for the build log to end. The two channels have no order relative to each
 * other (docs/protocol.md §7), so the final state is held back until the log's `eof` so that every line comes
 * first — but a lost `eof` must not hang a deploy.
 */
const LOG_DRAIN_GRACE_MS = 5_000;

/** Errors of the REST probe: the platform itself is gone, not only the socket (a fallback to polling is no use). */
const unreachable = new WeakSet<Error>();

/** Whether a watch ended because the platform could not be reached over REST either. @internal */
export function isPlatformUnreachable(error: unknown): boolean {
  return error instanceof Error && unreachable.has(error);
}

/**
 * Follows a deployment on `deployment:<id>` and `logs:build:<id>` over one socket (the client's credential, in
 * the subprotocol). Items come in the order of {@link watchByPolling}: lines first, the final state last. The
 * socket is closed when the watch ends, however it ends. `lastSeq()` tells a fallback where to resume.
 *
 * @internal
 */
export async function* watchByChannels(
  core: HttpCore,
  id: string,
  options: {
    afterSeq: number;
    signal: AbortSignal | undefined;
    onSeq: (seq: number) => void;
    /**
     * Asks the platform over REST whether it is still there (e.g. reads the deployment). Called when the socket
     * drops: if the platform cannot be reached either, the watch ends with that error at once instead of
     * reconnecting for as long as the caller would wait.
     */
    probe?: () => Promise<unknown>;
  },
): AsyncGenerator<DeploymentWatchItem, void, undefined> {
  const { socket, channels } = await openSocket(core);
  const out = new PushQueue<DeploymentWatchItem>();
  const stateTopic = topics.deployment(id);
  const logTopic = topics.buildLogs(id);
  let finalItem: DeploymentWatchItem | undefined;
  let logsDone = false;
  let graceTimer: ReturnType<typeof setTimeout> | undefined;
  let lastState: DeploymentState | undefined;

  const finishIfReady = (): void => {
    if (finalItem === undefined || out.ended) return;
    if (logsDone) {
      releaseAll();
      out.push(finalItem);
      out.end();
    } else {
      graceTimer ??= setTimeout(() => {
        logsDone = true;
        finishIfReady();
      }, LOG_DRAIN_GRACE_MS);
    }
  };
  // States come out after the build lines logged before them, although the two topics arrive independently:
  // the snapshot waits until the build log replayed what existed when we joined (a watch that starts after a fast
  // build would otherwise show "releasing" before the build's lines), and a live change until the log delivered
  // its `build_log_seq`. Health checks queue behind held states, so the order of this topic is kept too.
  let logsCaughtUp = false;
  let delivered = options.afterSeq;
  const held: { item: DeploymentWatchItem; after: number | 'replay' }[] = [];
  const releaseReady = (all = false): void => {
    for (;;) {
      const next = held[0];
      if (next === undefined) return;
      const ready = all || (next.after === 'replay' ? logsCaughtUp : logsCaughtUp && delivered >= next.after);
      if (!ready) return;
      held.shift();
      out.push(next.item);
    }
  };
  const emit = (item: DeploymentWatchItem, after: number | 'replay'): void => {
    held.push({ item, after });
    releaseReady();
  };
  const onState = (item: Extract<DeploymentWatchItem, { type: 'state' }>, after: number | 'replay'): void => {
    if (item.state === lastState || finalItem !== undefined) return;
    lastState = item.state;
    if (FINAL_STATES.has(item.state)) {
      finalItem = item;
      finishIfReady();
    } else {
      emit(item, after);
    }
  };

  const logs = subscribeLogChannel(socket, channels, logTopic, { afterSeq: options.afterSeq });
  // Bounded: a log channel that never joins (or a line that never comes) must not hold the states back for long.
  const releaseAll = (): void => {
    logsCaughtUp = true;
    releaseReady(true);
  };
  let holdTimer = setTimeout(releaseAll, LOG_DRAIN_GRACE_MS);
  // The replay's last line must have gone through the pump into `out` first, not only into the log queue.
  let replayEnd: number | undefined;
  const checkReplay = (): void => {
    if (logsCaughtUp || replayEnd === undefined || delivered < replayEnd) return;
    logsCaughtUp = true;
    clearTimeout(holdTimer);
    // From here a state waits for its own line; one more grace period releases whatever is still held then (and a
    // log channel that ends releases everything: the pump's finally).
    holdTimer = setTimeout(releaseAll, LOG_DRAIN_GRACE_MS);
    releaseReady();
  };
  void logs.caughtUp.then((seq) => {
    replayEnd = seq;
    checkReplay();
  });
  const pumpLogs = (async () => {
    try {
      for await (const item of logs.items) {
        if (item.type === 'line') {
          options.onSeq(item.line.seq);
          out.push({ type: 'log', line: item.line });
          delivered = item.line.seq;
        } else if (item.type === 'gap') {
          options.onSeq(item.toSeq);
          out.push({ type: 'log_gap', fromSeq: item.fromSeq, toSeq: item.toSeq, reason: item.reason });
          delivered = item.toSeq;
        }
        checkReplay();
        releaseReady();
      }
    } catch (error) {
      out.end(error);
    } finally {
      logsDone = true;
      releaseAll();
      finishIfReady();
    }
  })();

  const states = socket.channel(stateTopic, () => ({}));
  states.onJoin((response) => {
    const parsed = SnapshotReplySchema.safeParse(response);
    if (!parsed.success) return;
    const { state, release, failure } = parsed.data.deployment;
    onState({ type: 'state', state, previousState: lastState ?? null, release, failure }, 'replay');
  });
  states.on('state', (payload) => {
    const parsed = StateEventSchema.safeParse(payload);
    if (!parsed.success) return;
    const { state, previous_state: previousState, release, failure, build_log_seq: afterSeq } = parsed.data;
    onState({ type: 'state', state, previousState, release, failure }, afterSeq ?? 0);
  });
  states.on('health_check', (payload) => {
    const parsed = HealthCheckEventSchema.safeParse(payload);
    if (!parsed.success || finalItem !== undefined) return;
    const { release, attempt, max_attempts: maxAttempts, ok, message } = parsed.data;
    emit({ type: 'health_check', release, attempt, maxAttempts, ok, message }, 0);
  });
  states.onClose((error) => {
    if (error !== undefined) out.end(toMaxError(channels, error, stateTopic));
    // A clean close comes after the final state; anything else would leave the watch waiting, so end it.
    else if (finalItem === undefined) out.end(toMaxError(channels, new Error('the deployment channel closed before a final state'), stateTopic));
  });
  states.join().catch(() => undefined);

  // A dropped socket is usually a blip (phoenix reconnects), but a platform that died must not keep a deploy
  // waiting for minutes: when the socket drops, ask over REST once; unreachable there too ends the watch now.
  let probing = false;
  const stopProbing = socket.onStateChange((state) => {
    if (state.status !== 'reconnecting' || probing || options.probe === undefined || out.ended) return;
    probing = true;
    options
      .probe()
      .catch((error: unknown) => {
        if (error instanceof MaxConnectionError) {
          unreachable.add(error);
          out.end(error);
        }
      })
      .finally(() => (probing = false));
  });

  const onAbort = (): void =>
    out.end(new MaxAbortError({ code: 'aborted', message: `Watching deployment ${id} was aborted`, cause: options.signal?.reason }));
  if (options.signal?.aborted) onAbort();
  else options.signal?.addEventListener('abort', onAbort, { once: true });

  try {
    yield* out;
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    stopProbing();
    clearTimeout(holdTimer);
    if (graceTimer !== undefined) clearTimeout(graceTimer);
    logs.items.end();
    await Promise.allSettled([logs.channel.leave(), states.leave()]);
    await pumpLogs;
    await socket.close();
  }
}
