import {
  execJoinPayloadSchema,
  execSignalMessageSchema,
  shellJoinPayloadSchema,
  shellResizeMessageSchema,
  topics,
  type ExecExitEvent,
  type ExecJoinReply,
  type OffsetJoinError,
  type ShellJoinReply,
} from '@max/api-spec';
import { scopeAllows, isScope } from '../auth/scopes.js';
import type { ChannelContext, ChannelHandler, ChannelReply, JoinResult, JsonObject, TopicFamily } from '../realtime/channel.js';
import { joinError } from '../realtime/channel.js';
import { prefixMatcher } from '../realtime/topic-router.js';
import type { ByteStream, StreamReader } from './byte-stream.js';
import type { LiveRun, LiveShell, RemoteAccess } from './remote-access.js';

/** Largest binary frame of output the server sends (bytes). */
const FRAME_BYTES = 64 * 1024;

/** `input_at` frames start with the offset of their first byte in the client's input stream (uint64, big-endian). */
const INPUT_AT_HEADER = 8;

const URGENT_EXEC_EVENTS: ReadonlySet<string> = new Set(['signal']);

/**
 * Runs the output pump beside the channel's queue, not on it: afterJoin work holds the channel's queue, and the
 * client's `input`/`stdin` must be handled while output streams. A failure crashes the channel (the client rejoins
 * with its offset).
 */
function startPump(context: ChannelContext, run: () => Promise<void>): void {
  void run().catch((error: unknown) => context.crash(error));
}

const exited = (message: string): ChannelReply => ({ status: 'error', response: { reason: 'exited', message } });
const invalid = (message: string): ChannelReply => ({ status: 'error', response: { reason: 'invalid_payload', message } });
const unknownEvent = (topic: string, event: string): ChannelReply => ({
  status: 'error',
  response: { reason: 'unknown_event', message: `${topic} has no client event "${event}".` },
});

function issueText(issue: { path: PropertyKey[]; message: string } | undefined): string {
  return `${issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''}${issue?.message ?? 'invalid'}`;
}

/** `shell`/`exec` execute code: `deploy` or `admin` only (docs/protocol.md §1, Scopes). */
function mayExecute(context: ChannelContext): boolean {
  return context.scope !== undefined && isScope(context.scope) && scopeAllows(context.scope, 'deploy');
}

/**
 * Decides where a join's output starts (docs/protocol.md §4.2, §6.6): without `output_offset`, at the oldest
 * buffered byte; before it, at it (a `gap` is pushed first); beyond the output so far, `cursor_ahead`.
 */
function startOffset(stream: ByteStream<string> | null, total: number, requested: number | undefined): { start: number; ahead: boolean } {
  const oldest = stream ? stream.buffer.start : total;
  if (requested === undefined) return { start: oldest, ahead: false };
  if (requested > total) return { start: requested, ahead: true };
  return { start: Math.max(requested, oldest), ahead: false };
}

interface Found {
  live: { stream: ByteStream<string> } | null;
  record: { outputBytes: number };
}

/**
 * The checks every `shell`/`exec` join makes, in order: the resource exists and is the caller's (`not_found`
 * otherwise, like REST), the credential may execute code (`unauthorized`), the payload is valid
 * (`invalid_payload`), the offset is not beyond the output (`cursor_ahead`). Returns the refusal, or where the
 * output starts (`start`, the reply's `output_offset`) and from where the client asked (`requested`: a gap
 * between the two is pushed first).
 */
function decideJoin<F extends Found, P extends { output_offset?: number | undefined }>(
  context: ChannelContext,
  label: string,
  lookup: () => F,
  parse: (payload: unknown) => { success: true; data: P } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } },
  payload: unknown,
): JoinResult | { found: F; data: P; total: () => number; start: number; requested: number } {
  let found: F;
  try {
    found = lookup();
  } catch {
    return joinError<OffsetJoinError>({ reason: 'not_found', message: `${label} does not exist.` });
  }
  if (!mayExecute(context)) {
    return joinError<OffsetJoinError>({ reason: 'unauthorized', message: `${label} needs a token with deploy or admin scope.` });
  }
  const check = parse(payload ?? {});
  if (!check.success) {
    return joinError<OffsetJoinError>({ reason: 'invalid_payload', message: `Invalid join payload for ${context.topic}: ${issueText(check.error.issues[0])}.` });
  }
  const { live, record } = found;
  const stream = live?.stream ?? null;
  const total = (): number => (live ? live.stream.buffer.end : record.outputBytes);
  const { start, ahead } = startOffset(stream, total(), check.data.output_offset);
  if (ahead) {
    return joinError<OffsetJoinError>({
      reason: 'cursor_ahead',
      message: `output_offset ${start} is beyond the output so far (${total()} bytes).`,
      output_bytes: total(),
    });
  }
  return { found, data: check.data, total, start, requested: check.data.output_offset ?? start };
}

const refused = (decided: object): decided is JoinResult => 'status' in decided;

/**
 * Delivers a byte stream to one channel client: the gap (if its cursor is older than the buffer), the buffered
 * output, then live output as it comes, paced by the socket's send buffer (`drain`) so a slow client is never cut
 * as a slow consumer and loses nothing; when the process ended and everything was sent, `exit`, then `phx_close`.
 */
async function pump<S extends string>(
  stream: ByteStream<S> | null,
  context: ChannelContext,
  reader: StreamReader | null,
  from: number,
  total: () => number,
  eventFor: (stream: S) => string,
  exitPayload: () => JsonObject,
): Promise<void> {
  let position = from;
  const signal = context.signal;
  while (!signal.aborted) {
    const oldest = stream ? stream.buffer.start : total();
    if (position < oldest) {
      context.push('gap', { from_offset: position, to_offset: oldest, reason: 'retention' });
      position = oldest;
      reader?.advance(position);
    }
    if (stream && position < stream.buffer.end) {
      for (const slice of stream.buffer.slices(position, FRAME_BYTES)) {
        context.pushBytes(eventFor(slice.stream), slice.parts, slice.length);
        position += slice.length;
      }
      reader?.advance(position);
      await context.drain();
      continue;
    }
    if (!stream || stream.ended) {
      context.push('exit', exitPayload());
      context.close();
      return;
    }
    await stream.changed(signal);
  }
}

/** `shell:<session_id>` (docs/protocol.md §6.6). */
export function shellTopicFamily(remote: RemoteAccess): TopicFamily {
  return {
    name: 'shell',
    matches: prefixMatcher('shell:'),
    join(payload, context): JoinResult {
      const parsed = topics.parse(context.topic);
      const id = parsed?.family === 'shell' ? parsed.session : '';
      const decided = decideJoin(context, `Shell session ${id}`, () => remote.shell(context.userId, id), (p) => shellJoinPayloadSchema.safeParse(p), payload);
      if (refused(decided)) return decided;
      const { total, start, requested, data } = decided;
      const { live, record } = decided.found;
      const stream = live?.stream ?? null;
      const onResized = (cols: number, rows: number): void => {
        context.push('resized', { cols, rows });
      };
      let reader: StreamReader | null = null;
      if (live) {
        if (data.cols !== undefined && data.rows !== undefined) remote.resizeShell(live, data.cols, data.rows, onResized);
        live.resizeListeners.add(onResized);
        reader = remote.attachShell(live, requested);
      }
      const inputStream = data.input_stream;
      const reply: ShellJoinReply = {
        state: record.state,
        output_offset: start,
        output_bytes: total(),
        ...(inputStream === undefined ? {} : { input_bytes: live ? remote.inputBytes(live, inputStream) : 0 }),
        cols: record.cols,
        rows: record.rows,
        exit_code: record.exitCode,
        signal: record.signal,
      };
      const handler: ChannelHandler = {
        afterJoin: () =>
          startPump(context, () =>
            pump(stream, context, reader, requested, total, () => 'output', () => ({
              exit_code: record.exitCode,
              signal: record.signal,
              output_bytes: total(),
            })),
          ),
        handleIn: (event, inbound) => shellIn(remote, live, context, event, inbound, onResized, inputStream),
        terminate: () => {
          live?.resizeListeners.delete(onResized);
          reader?.detach();
        },
      };
      return { status: 'ok', response: reply, handler };
    },
  };
}

function shellIn(
  remote: RemoteAccess,
  live: LiveShell | null,
  context: ChannelContext,
  event: string,
  inbound: unknown,
  self: (cols: number, rows: number) => void,
  inputStream: string | undefined,
): ChannelReply {
  if (event === 'input') {
    if (!(inbound instanceof Uint8Array)) return invalid('input is sent as a binary frame (an ArrayBuffer payload).');
    if (!live || !remote.writeShell(live, inbound)) return exited('The session has ended.');
    return { status: 'ok', response: {} };
  }
  if (event === 'input_at') {
    if (!(inbound instanceof Uint8Array) || inbound.byteLength < INPUT_AT_HEADER) {
      return invalid('input_at is a binary frame: an 8-byte big-endian offset, then the bytes.');
    }
    if (inputStream === undefined) return invalid('input_at needs an input_stream in the join payload.');
    const offset = Number(new DataView(inbound.buffer, inbound.byteOffset, INPUT_AT_HEADER).getBigUint64(0));
    if (!Number.isSafeInteger(offset)) return invalid('input_at offset is out of range.');
    if (!live || !remote.writeShellAt(live, inputStream, offset, inbound.subarray(INPUT_AT_HEADER))) return exited('The session has ended.');
    return { status: 'ok', response: {} };
  }
  if (event === 'resize') {
    const check = shellResizeMessageSchema.safeParse(inbound ?? {});
    if (!check.success) return invalid(`Invalid resize: ${issueText(check.error.issues[0])}.`);
    if (!live?.live) return exited('The session has ended.');
    remote.resizeShell(live, check.data.cols, check.data.rows, self);
    return { status: 'ok', response: {} };
  }
  return unknownEvent(context.topic, event);
}

/** `exec:<run_id>` (docs/protocol.md §6.7). */
export function execTopicFamily(remote: RemoteAccess): TopicFamily {
  return {
    name: 'exec',
    matches: prefixMatcher('exec:'),
    join(payload, context): JoinResult {
      const parsed = topics.parse(context.topic);
      const id = parsed?.family === 'exec' ? parsed.run : '';
      const decided = decideJoin(context, `Run ${id}`, () => remote.run(context.userId, id), (p) => execJoinPayloadSchema.safeParse(p), payload);
      if (refused(decided)) return decided;
      const { total, start, requested } = decided;
      const { live, record } = decided.found;
      const stream = live?.stream ?? null;
      const reader = live ? remote.attachRun(live, requested) : null;
      const reply: ExecJoinReply = {
        state: record.state,
        output_offset: start,
        output_bytes: total(),
        exit_code: record.exitCode,
        signal: record.signal,
      };
      const exitPayload = (): ExecExitEvent => ({
        state: record.state === 'pending' || record.state === 'running' ? 'exited' : record.state,
        exit_code: record.exitCode,
        signal: record.signal,
        error: record.error,
        output_bytes: total(),
      });
      return {
        status: 'ok',
        response: reply,
        handler: {
          afterJoin: () => startPump(context, () => pump(stream, context, reader, requested, total, (s) => s, exitPayload)),
          handleIn: (event, inbound) => execIn(remote, live, context, event, inbound),
          // Ctrl-C must reach the process even while a stdin push waits for a full pipe to drain.
          urgentEvents: URGENT_EXEC_EVENTS,
          terminate: () => reader?.detach(),
        },
      };
    },
  };
}

async function execIn(remote: RemoteAccess, live: LiveRun | null, context: ChannelContext, event: string, inbound: unknown): Promise<ChannelReply> {
  if (event === 'stdin') {
    if (!(inbound instanceof Uint8Array)) return invalid('stdin is sent as a binary frame (an ArrayBuffer payload).');
    if (!live) return exited('The run has ended.');
    const result = await remote.writeStdin(live, inbound);
    if (result === 'exited') return exited('The run has ended.');
    if (result === 'closed') return exited('The process has no open stdin any more (stdin_eof was sent, or it closed it).');
    return { status: 'ok', response: {} };
  }
  if (event === 'stdin_eof') {
    if (!live || remote.endStdin(live) === 'exited') return exited('The run has ended.');
    return { status: 'ok', response: {} };
  }
  if (event === 'signal') {
    const check = execSignalMessageSchema.safeParse(inbound ?? {});
    if (!check.success) return invalid(`Invalid signal: ${issueText(check.error.issues[0])}.`);
    if (!live || remote.signalRun(live, check.data.signal) === 'exited') return exited('The run has ended.');
    return { status: 'ok', response: {} };
  }
  return unknownEvent(context.topic, event);
}
