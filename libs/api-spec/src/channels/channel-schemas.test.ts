import { describe, expect, it } from 'vitest';
import { channelTopics } from './index.js';
import {
  appLogsTopic,
  clientEventErrorSchema,
  deploymentTopic,
  eventsTopic,
  execTopic,
  logJoinPayloadSchema,
  logLinesEventSchema,
  networkLogsTopic,
  seqJoinErrorSchema,
  shellJoinPayloadSchema,
  shellTopic,
} from './index.js';

const line = { seq: 1, ts: '2026-11-24T09:15:03.120Z', stream: 'stdout', source: 'app', line: 'hello' };

describe('join payloads (server side: strict)', () => {
  it.each([
    ['negative cursor', { after_seq: -1 }],
    ['fractional cursor', { after_seq: 1.5 }],
    ['string cursor', { after_seq: '10' }],
    ['cursor and tail together', { after_seq: 3, tail: 10 }],
    ['tail above 1000', { tail: 1001 }],
    ['unknown field (a typo of after_seq)', { afterSeq: 3 }],
    ['unknown stream', { stream: 'stdin' }],
  ])('log topics reject %s', (_label, payload) => {
    expect(logJoinPayloadSchema.safeParse(payload).success).toBe(false);
  });

  it('log topics accept the empty payload, a cursor, or a tail', () => {
    expect(logJoinPayloadSchema.parse({})).toEqual({});
    expect(logJoinPayloadSchema.parse({ after_seq: 0 })).toEqual({ after_seq: 0 });
    expect(logJoinPayloadSchema.parse({ tail: 100, stream: 'stderr' })).toEqual({ tail: 100, stream: 'stderr' });
  });

  it('shell joins take cols and rows together', () => {
    expect(shellJoinPayloadSchema.safeParse({ cols: 80 }).success).toBe(false);
    expect(shellJoinPayloadSchema.safeParse({ cols: 80, rows: 24 }).success).toBe(true);
    expect(shellJoinPayloadSchema.safeParse({ cols: 0, rows: 24 }).success).toBe(false);
    expect(shellJoinPayloadSchema.safeParse({ output_offset: -5 }).success).toBe(false);
  });

  it('deployment joins take nothing', () => {
    expect(deploymentTopic.joinPayload.safeParse({}).success).toBe(true);
    expect(deploymentTopic.joinPayload.safeParse({ after_seq: 1 }).success).toBe(false);
  });

  it('events joins take only after_seq', () => {
    expect(eventsTopic.joinPayload.safeParse({ after_seq: 12 }).success).toBe(true);
    expect(eventsTopic.joinPayload.safeParse({ tail: 12 }).success).toBe(false);
  });
});

describe('server events (client side: lenient about additions, strict about meaning)', () => {
  it('strips fields it does not know, so servers can add them', () => {
    const parsed = logLinesEventSchema.parse({ lines: [{ ...line, pid: 42 }], batch: 1 });
    expect(parsed).toEqual({ lines: [line] });
  });

  it.each([
    ['an empty batch', { lines: [] }],
    ['seq 0', { lines: [{ ...line, seq: 0 }] }],
    ['a time without zone', { lines: [{ ...line, ts: '2026-11-24T09:15:03' }] }],
    ['an unknown stream', { lines: [{ ...line, stream: 'stdin' }] }],
    ['an unknown source', { lines: [{ ...line, source: 'router' }] }],
    ['a missing line', { lines: [{ seq: 1, ts: line.ts, stream: 'stdout', source: 'app' }] }],
  ])('rejects log lines with %s', (_label, payload) => {
    expect(appLogsTopic.serverEvents.lines.safeParse(payload).success).toBe(false);
  });

  it('network log lines must name their app', () => {
    expect(networkLogsTopic.serverEvents.lines.safeParse({ lines: [line] }).success).toBe(false);
    expect(networkLogsTopic.serverEvents.lines.safeParse({ lines: [{ ...line, app: 'web' }] }).success).toBe(true);
    expect(networkLogsTopic.serverEvents.lines.safeParse({ lines: [{ ...line, app: 'Web' }] }).success).toBe(false);
  });

  it('cursor_ahead must say where the stream stands; retention is a gap event, not a join error', () => {
    expect(seqJoinErrorSchema.safeParse({ reason: 'cursor_ahead', message: 'ahead' }).success).toBe(false);
    const parsed = seqJoinErrorSchema.parse({ reason: 'cursor_ahead', message: 'ahead', last_seq: 2000 });
    expect(parsed.reason === 'cursor_ahead' && parsed.last_seq).toBe(2000);
    expect(shellTopic.joinError.safeParse({ reason: 'cursor_ahead', message: 'ahead', last_seq: 1 }).success).toBe(false);
    expect(shellTopic.joinError.safeParse({ reason: 'cursor_ahead', message: 'ahead', output_bytes: 1 }).success).toBe(true);
    expect(seqJoinErrorSchema.safeParse({ reason: 'cursor_expired', message: 'x', earliest_seq: 3 }).success).toBe(false);
    expect(seqJoinErrorSchema.safeParse({ reason: 'teapot', message: 'x' }).success).toBe(false);
    expect(eventsTopic.serverEvents.gap.parse({ from_seq: 3, to_seq: 5, reason: 'retention' })).toEqual({
      from_seq: 3,
      to_seq: 5,
      reason: 'retention',
    });
    expect(eventsTopic.serverEvents.gap.safeParse({ from_seq: 0, to_seq: 5, reason: 'retention' }).success).toBe(false);
    expect(execTopic.serverEvents.gap.safeParse({ from_offset: 0, to_offset: 10, reason: 'retention' }).success).toBe(true);
  });

  it('sequenced joins reply with last_seq (0 for an empty stream)', () => {
    expect(eventsTopic.joinReply.parse({ last_seq: 0 })).toEqual({ last_seq: 0 });
    expect(appLogsTopic.joinReply.safeParse({ last_seq: null }).success).toBe(false);
    expect(appLogsTopic.joinReply.safeParse({}).success).toBe(false);
  });

  it('audit events keep the action format and actor kinds', () => {
    const event = {
      id: 'evt_1',
      seq: 1,
      action: 'network.created',
      actor: { type: 'user', id: 'usr_1', email: 'ada@example.com' },
      target: { type: 'network', network: 'staging' },
      details: {},
      created_at: '2026-11-24T09:15:03Z',
    };
    expect(eventsTopic.serverEvents.event.safeParse(event).success).toBe(true);
    expect(eventsTopic.serverEvents.event.safeParse({ ...event, action: 'Network Created' }).success).toBe(false);
    expect(eventsTopic.serverEvents.event.safeParse({ ...event, actor: { ...event.actor, type: 'robot' } }).success).toBe(false);
  });

  it('deployment state events use the REST states', () => {
    const event = { state: 'running', previous_state: 'releasing', release: 3, failure: null, at: '2026-11-24T09:15:03Z' };
    expect(deploymentTopic.serverEvents.state.safeParse(event).success).toBe(true);
    expect(deploymentTopic.serverEvents.state.safeParse({ ...event, state: 'deployed' }).success).toBe(false);
  });

  it('exec exit events use only final run states', () => {
    const exit = { state: 'exited', exit_code: 0, signal: null, error: null, output_bytes: 10 };
    expect(execTopic.serverEvents.exit.safeParse(exit).success).toBe(true);
    expect(execTopic.serverEvents.exit.safeParse({ ...exit, state: 'running' }).success).toBe(false);
  });
});

describe('client events', () => {
  it('exec accepts only known signals', () => {
    expect(execTopic.clientEvents.signal.safeParse({ signal: 'SIGINT' }).success).toBe(true);
    expect(execTopic.clientEvents.signal.safeParse({ signal: 'SIGSEGV' }).success).toBe(false);
    expect(execTopic.clientEvents.stdin_eof.safeParse({ now: true }).success).toBe(false);
  });

  it('client event errors have a known reason', () => {
    expect(clientEventErrorSchema.safeParse({ reason: 'exited', message: 'The run is over.' }).success).toBe(true);
    expect(clientEventErrorSchema.safeParse({ reason: 'nope', message: 'x' }).success).toBe(false);
  });

  it('binary events are named, and never also JSON events', () => {
    for (const topic of Object.values(channelTopics)) {
      for (const name of topic.binaryServerEvents) expect(Object.keys(topic.serverEvents)).not.toContain(name);
      for (const name of topic.binaryClientEvents) expect(Object.keys(topic.clientEvents)).not.toContain(name);
    }
    expect(shellTopic.binaryServerEvents).toEqual(['output']);
    expect(execTopic.binaryServerEvents).toEqual(['stdout', 'stderr']);
  });
});
