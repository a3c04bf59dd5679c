import type { MaxChannel, MaxSocket } from '@max/rig-channels';
import * as z from 'zod/mini';
import { PushQueue } from '../core/push-queue.js';
import { LogLineSchema } from '../schemas/log-line.js';
import type { LogLine, LogStream } from '../types.js';
import { toMaxError } from './channel-error.js';
import type { ChannelsModule } from './open-socket.js';

/**
 * One item of a live log stream: a line, a range of lines the platform no longer holds (reported, never
 * hidden), or the end of a finite stream (build logs).
 *
 * @example
 * ```ts
 * const show = (item: LogStreamItem) =>
 *   item.type === 'line' ? item.line.line : item.type === 'gap' ? `-- ${item.toSeq - item.fromSeq + 1} lines lost --` : '-- end --';
 * ```
 */
export type LogStreamItem =
  | { type: 'line'; line: LogLine }
  | { type: 'gap'; fromSeq: number; toSeq: number; reason: string }
  | { type: 'eof'; lastSeq: number | null; state: string };

const LinesSchema = z.lazy(() => z.object({ lines: z.array(LogLineSchema) }));
const GapSchema = z.lazy(() => z.object({ from_seq: z.int(), to_seq: z.int(), reason: z.string() }));
const EofSchema = z.lazy(() => z.object({ last_seq: z.nullable(z.int()), state: z.string() }));

/** @internal */
export interface LogChannelOptions {
  afterSeq?: number | undefined;
  tail?: number | undefined;
  stream?: LogStream | undefined;
}

/**
 * Subscribes to a log topic and delivers each line exactly once, in seq order, across reconnects: the join
 * params are computed at every (re)join from the last seq delivered, and anything at or below it is dropped.
 * The channel is left when the consumer stops.
 *
 * @internal
 */
export function subscribeLogChannel(
  socket: MaxSocket,
  channels: ChannelsModule,
  topic: string,
  options: LogChannelOptions,
): { items: PushQueue<LogStreamItem>; channel: MaxChannel; cursor: () => number | undefined; caughtUp: Promise<number> } {
  let cursor = options.afterSeq;
  // Caught up: joined, and every line that existed at the join (its reply's `last_seq`) queued in `items`; it
  // resolves with the seq the consumer has caught up once it has taken that far (a closed channel: its cursor).
  let joinedAt: number | undefined;
  let resolveCaughtUp: (seq: number) => void = () => undefined;
  const caughtUp = new Promise<number>((resolve) => (resolveCaughtUp = resolve));
  const markCaughtUp = (): void => resolveCaughtUp(cursor ?? 0);
  const checkCaughtUp = (): void => {
    if (joinedAt !== undefined && (cursor ?? 0) >= joinedAt) resolveCaughtUp(joinedAt);
  };
  const tailing = options.afterSeq === undefined && options.tail !== undefined && options.tail > 0;
  const channel = socket.channel(topic, () => ({
    ...(cursor === undefined ? (options.tail === undefined ? {} : { tail: options.tail }) : { after_seq: cursor }),
    ...(options.stream === undefined ? {} : { stream: options.stream }),
  }));
  const items = new PushQueue<LogStreamItem>();
  const fail = (event: string): void => {
    items.end(toMaxError(channels, new channels.ChannelValidationError(topic, event, new Error('unexpected payload')), topic));
    void channel.leave();
  };
  channel.on('lines', (payload) => {
    const parsed = LinesSchema.safeParse(payload);
    if (!parsed.success) return fail('lines');
    for (const line of parsed.data.lines) {
      if (cursor !== undefined && line.seq <= cursor) continue; // a replay overlapping what was delivered
      cursor = line.seq;
      items.push({ type: 'line', line });
    }
    checkCaughtUp();
  });
  channel.on('gap', (payload) => {
    const parsed = GapSchema.safeParse(payload);
    if (!parsed.success) return fail('gap');
    if (cursor !== undefined && parsed.data.to_seq <= cursor) return; // already reported before a reconnect
    cursor = parsed.data.to_seq;
    items.push({ type: 'gap', fromSeq: parsed.data.from_seq, toSeq: parsed.data.to_seq, reason: parsed.data.reason });
    checkCaughtUp();
  });
  channel.on('eof', (payload) => {
    const parsed = EofSchema.safeParse(payload);
    if (!parsed.success) return fail('eof');
    items.push({ type: 'eof', lastSeq: parsed.data.last_seq, state: parsed.data.state });
    items.end();
    markCaughtUp();
  });
  channel.onJoin((response) => {
    // Joined "live from now": adopt the head so a reconnect resumes there (docs/protocol.md §4.2).
    if (cursor === undefined && !tailing && typeof response['last_seq'] === 'number') cursor = response['last_seq'];
    // The first join says how far the replay goes (a rejoin resumes at the cursor; nothing to wait for).
    if (joinedAt === undefined) joinedAt = typeof response['last_seq'] === 'number' && !tailing ? response['last_seq'] : 0;
    checkCaughtUp();
  });
  channel.onClose((error) => {
    items.end(error === undefined ? undefined : toMaxError(channels, error, topic));
    markCaughtUp();
  });
  channel.join().catch(() => undefined); // a refused join arrives through onClose
  return { items, channel, cursor: () => cursor, caughtUp };
}
