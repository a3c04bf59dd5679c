import type { LogLine, LogReadItem, LogReadOptions, LogStreamItem } from '@max/rig-sdk';
import { describe, expect, it } from 'vitest';
import { createTestIo } from '../../test/helpers/test-io.js';
import type { CommandContext } from '../context.js';
import { UsageError } from '../errors/cli-error.js';
import type { GlobalFlags, OutputMode } from '../global-options.js';
import { outputContract } from '../json-contract/outputs.js';
import { stripAnsi } from '../output/colors.js';
import { Output } from '../output/output.js';
import { DEFAULT_TAIL, parseLogQuery, printLogs, type LogsApi } from './logs-command.js';

const now = Date.parse('2026-03-01T12:00:00Z');

describe('parseLogQuery', () => {
  it('defaults to the newest 100 lines, unless a range or a tail is given; build logs pass no default', () => {
    expect(parseLogQuery({}, 'table', DEFAULT_TAIL, now)).toMatchObject({ tail: 100, follow: false });
    expect(parseLogQuery({ since: '1h' }, 'table', DEFAULT_TAIL, now)).toMatchObject({ tail: undefined, since: '2026-03-01T11:00:00.000Z' });
    expect(parseLogQuery({ tail: '0', follow: true }, 'jsonl', DEFAULT_TAIL, now)).toMatchObject({ tail: 0, follow: true });
    expect(parseLogQuery({}, 'table', undefined, now).tail).toBeUndefined();
  });

  it('filters are allowed with --follow (all but --until)', () => {
    expect(parseLogQuery({ follow: true, since: '10m', grep: 'GET', stream: 'stderr', tail: '5' }, 'jsonl', DEFAULT_TAIL, now)).toEqual({
      follow: true,
      since: '2026-03-01T11:50:00.000Z',
      until: undefined,
      contains: 'GET',
      stream: 'stderr',
      tail: 5,
    });
  });

  it.each([
    [{ follow: true }, 'json', /cannot print one JSON document/],
    [{ follow: true, until: '1h' }, 'table', /cannot stop at --until/],
    [{ tail: '-1' }, 'table', /Invalid value for --tail: "-1"/],
    [{ tail: '1001' }, 'table', /Invalid value for --tail/],
    [{ tail: 'ten' }, 'table', /Invalid value for --tail/],
    [{ since: 'yesterday' }, 'table', /Invalid time for --since/],
  ] as const)('%j with -o %s is a usage error', (options, mode, message) => {
    expect(() => parseLogQuery(options, mode, DEFAULT_TAIL, now)).toThrow(UsageError);
    expect(() => parseLogQuery(options, mode, DEFAULT_TAIL, now)).toThrow(message);
  });
});

const line = (seq: number, text: string, extra: Partial<LogLine> = {}): LogLine => ({ seq, ts: `2026-03-01T12:00:0${seq}.000Z`, stream: 'stdout', source: 'app', line: text, ...extra });

/**
 * `client.logs.read` scripted as the SDK answers (its logic is tested in the SDK): a retention gap when lines
 * before `earliest` are gone, the history, then with `follow` the live marker and the live items. Records the
 * options it was called with.
 */
function fakeApi(history: LogLine[], live: LogStreamItem[], earliest: number | null = 1): LogsApi & { calls: LogReadOptions[] } {
  const calls: LogReadOptions[] = [];
  return {
    calls,
    async *read(_target, options = {}): AsyncGenerator<LogReadItem, void, undefined> {
      calls.push(options);
      await Promise.resolve();
      if (earliest !== null && earliest > 1) yield { type: 'gap', fromSeq: 1, toSeq: earliest - 1, reason: 'retention' };
      for (const line of history) yield { type: 'line', line };
      if (options.follow !== true) return;
      yield { type: 'live' };
      yield* live;
    },
  };
}

function context(mode: OutputMode, tty = false) {
  const io = createTestIo({ isStdoutTTY: tty, isStderrTTY: tty });
  const globals: GlobalFlags = { output: mode, verbose: false, config: undefined, apiUrl: undefined, color: true, yes: false };
  const out = new Output(io, globals);
  if (mode !== 'table') out.contract = outputContract('logs app');
  const ctx: CommandContext = { io, globals, out, signal: new AbortController().signal, errorContext: {} };
  return { ctx, io };
}

describe('printLogs', () => {
  const history = [line(3, 'GET /'), line(4, 'boom', { stream: 'stderr', source: 'platform' })];
  const live: LogStreamItem[] = [
    { type: 'gap', fromSeq: 5, toSeq: 6, reason: 'retention' },
    { type: 'line', line: line(7, 'GET /live') },
  ];

  it('piped table mode: plain `ts label | line`, stderr lines marked, gaps on stderr', async () => {
    const { ctx, io } = context('table');
    const api = fakeApi(history, live, 3);
    await printLogs(ctx, api, { network: 'shop', app: 'web' }, { follow: true, tail: 100 });
    expect(api.calls).toEqual([{ follow: true, tail: 100, signal: ctx.signal }]);
    expect(io.stdoutText()).toBe(
      ['2026-03-01T12:00:03.000Z app | GET /', '2026-03-01T12:00:04.000Z platform:stderr | boom', '2026-03-01T12:00:07.000Z app | GET /live', ''].join('\n'),
    );
    expect(io.stderrText()).toBe('-- 2 log lines were lost (retention) --\n-- 2 log lines were lost (retention) --\n');
  });

  it('on a terminal: coloured, and says it is following', async () => {
    const { ctx, io } = context('table', true);
    await printLogs(ctx, fakeApi(history, live, 3), { network: 'shop', app: 'web' }, { follow: true, tail: 2 });
    expect(io.stdoutText()).toContain('\u001b[');
    expect(stripAnsi(io.stdoutText())).toContain('2026-03-01T12:00:04.000Z platform:stderr | boom\n');
    expect(stripAnsi(io.stderrText())).toContain('Following new log lines; Ctrl-C stops.');
  });

  it('network logs name the app', async () => {
    const { ctx, io } = context('table');
    await printLogs(ctx, fakeApi([line(1, 'hi', { app: 'api' })], []), { network: 'shop' }, { follow: false, tail: 100 });
    expect(io.stdoutText()).toBe('2026-03-01T12:00:01.000Z api app | hi\n');
  });

  it('-o jsonl: one record per line, gaps and eof as typed records, each through the contract', async () => {
    const { ctx, io } = context('jsonl');
    const result = await printLogs(ctx, fakeApi(history, [...live, { type: 'eof', lastSeq: 7, state: 'releasing' }]), { deployment: 'dep_1' }, { follow: true });
    const records = io.stdoutText().trim().split('\n').map((l) => JSON.parse(l) as unknown);
    expect(records).toEqual([
      { seq: 3, ts: '2026-03-01T12:00:03.000Z', stream: 'stdout', source: 'app', line: 'GET /' },
      { seq: 4, ts: '2026-03-01T12:00:04.000Z', stream: 'stderr', source: 'platform', line: 'boom' },
      { type: 'gap', from_seq: 5, to_seq: 6, reason: 'retention' },
      { seq: 7, ts: '2026-03-01T12:00:07.000Z', stream: 'stdout', source: 'app', line: 'GET /live' },
      { type: 'eof', last_seq: 7, state: 'releasing' },
    ]);
    expect(result.eofState).toBe('releasing');
    expect(io.stderrText()).toContain('-- end of the build log: the build succeeded (the deployment is releasing) --');
  });

  it('-o json: one array at the end of the history', async () => {
    const { ctx, io } = context('json');
    await printLogs(ctx, fakeApi(history, live), { network: 'shop', app: 'web' }, { follow: false, tail: 100 });
    expect((JSON.parse(io.stdoutText()) as unknown[]).map((r) => (r as { seq: number }).seq)).toEqual([3, 4]);
  });
});
