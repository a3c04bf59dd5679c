import { MAX_LOG_TAIL, type LogReadOptions, type LogStream, type LogTarget, type MaxClient } from '@max/rig-sdk';
import type { CommandContext } from '../context.js';
import { UsageError } from '../errors/cli-error.js';
import { palette } from '../output/colors.js';
import { parseTimeFlag } from '../parse/parse-time.js';
import type { Invocation } from './command-def.js';
import { eofMessage, formatLogLine, gapMessage, logRecord, type LogRecord } from './logs-views.js';
import { stringOption } from './views.js';

/**
 * What `rig logs` asks `client.logs.read` for. `--grep` is the SDK's `contains`: it must be applied before the
 * `--tail` window (the newest N *matching* lines), which only the reader can do.
 */
export type LogQuery = Omit<LogReadOptions, 'signal'>;

/** The part of `client.logs` rig reads logs through (a fake in unit tests). */
export type LogsApi = Pick<MaxClient['logs'], 'read'>;

/** Without `--tail`, `--since` or `--until`, app and network logs start with this many of the newest lines. */
export const DEFAULT_TAIL = 100;

/**
 * Reads the flags every `rig logs` command shares. `defaultTail` applies when none of `--tail`, `--since` and
 * `--until` narrows the history (build logs pass undefined: the whole build log).
 */
export function parseLogQuery(options: Invocation['options'], outputMode: string, defaultTail: number | undefined, now: number = Date.now()): LogQuery {
  const follow = options['follow'] === true;
  const tailFlag = stringOption(options['tail']);
  const sinceFlag = stringOption(options['since']);
  const untilFlag = stringOption(options['until']);
  const contains = stringOption(options['grep']);
  const stream = stringOption(options['stream']) as LogStream | undefined;
  if (follow && outputMode === 'json') throw new UsageError('--follow streams log lines, so it cannot print one JSON document.', 'Use -o jsonl (one JSON object per line) with --follow.');
  if (follow && untilFlag !== undefined) throw new UsageError('--follow shows new lines, so it cannot stop at --until.', 'Pass only one of them.');
  let tail: number | undefined;
  if (tailFlag !== undefined) {
    tail = /^\d+$/.test(tailFlag.trim()) ? Number(tailFlag) : Number.NaN;
    if (!Number.isInteger(tail) || tail > MAX_LOG_TAIL) throw new UsageError(`Invalid value for --tail: "${tailFlag}".`, `Use a whole number from 0 to ${MAX_LOG_TAIL}.`);
  } else if (sinceFlag === undefined && untilFlag === undefined) tail = defaultTail;
  const since = sinceFlag === undefined ? undefined : parseTimeFlag('since', sinceFlag, now);
  const until = untilFlag === undefined ? undefined : parseTimeFlag('until', untilFlag, now);
  return { follow, tail, since, until, contains, stream };
}

/**
 * Prints a log stream: history, then (with `--follow`) live lines until Ctrl-C or the end of a build log.
 * Table mode: `ts label | line` on stdout (coloured only on a terminal); `-o jsonl`: one record per line as it
 * arrives; `-o json`: one array at the end (never with `--follow`). Lost ranges are always told on stderr.
 * Returns the last `eof` item's state, if the stream ended with one.
 */
export async function printLogs(ctx: CommandContext, api: LogsApi, target: LogTarget, query: LogQuery): Promise<{ eofState: string | undefined }> {
  const p = palette(ctx.globals.color && ctx.io.isStdoutTTY);
  const collected: LogRecord[] = [];
  let eofState: string | undefined;
  for await (const item of api.read(target, { ...query, signal: ctx.signal })) {
    if (item.type === 'live') {
      if (ctx.out.human && ctx.io.isStderrTTY) ctx.out.note(ctx.out.err.dim('Following new log lines; Ctrl-C stops.'));
      continue;
    }
    if (item.type === 'gap') ctx.out.note(ctx.out.err.yellow(gapMessage(item.fromSeq, item.toSeq, item.reason)));
    if (item.type === 'eof') {
      eofState = item.state;
      ctx.out.note(eofMessage(item.state));
    }
    const record = logRecord(item);
    if (ctx.out.mode === 'json') {
      if (record) collected.push(record);
    } else if (ctx.out.mode === 'jsonl') {
      if (record) ctx.out.line(record);
    } else if (item.type === 'line') ctx.io.stdout.write(formatLogLine(item.line, p));
  }
  if (ctx.out.mode === 'json') ctx.out.value(collected);
  return { eofState };
}
