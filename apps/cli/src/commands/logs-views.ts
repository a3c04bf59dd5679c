import type { LogLine, LogReadItem } from '@max/rig-sdk';
import type { Palette } from '../output/colors.js';

/**
 * How `rig logs` shows its items. Machine modes: a log line is the wire line (`{seq, ts, stream, source, line}`,
 * plus `app` in network logs); a gap and the end of a build log are records with a `type`
 * (docs/protocol.md §4.3). People: one line per log line on stdout, gaps and the end on stderr.
 */

export type LogRecord =
  | { seq: number; ts: string; stream: LogLine['stream']; source: LogLine['source']; line: string; app?: string }
  | { type: 'gap'; from_seq: number; to_seq: number; reason: string }
  | { type: 'eof'; last_seq: number | null; state: string };

/** The machine record of an item; the history/live boundary has none. */
export function logRecord(item: LogReadItem): LogRecord | undefined {
  switch (item.type) {
    case 'line': {
      const { seq, ts, stream, source, line, app } = item.line;
      return { seq, ts, stream, source, line, ...(app !== undefined ? { app } : {}) };
    }
    case 'gap':
      return { type: 'gap', from_seq: item.fromSeq, to_seq: item.toSeq, reason: item.reason };
    case 'eof':
      return { type: 'eof', last_seq: item.lastSeq, state: item.state };
    case 'live':
      return undefined;
  }
}

/**
 * `ts label | text`: the label is the source (`app`, `build`, `platform`), after the app's name in network
 * logs; stderr lines say so in the label (`app:stderr`), so they stay marked without colour. On a terminal the
 * time is dimmed and stderr lines are red.
 */
export function formatLogLine(line: LogLine, p: Palette): string {
  const stderr = line.stream === 'stderr';
  const label = `${line.app !== undefined ? `${line.app} ` : ''}${line.source}${stderr ? ':stderr' : ''}`;
  return `${p.dim(line.ts)} ${stderr ? p.red(label) : p.cyan(label)} | ${stderr ? p.red(line.line) : line.line}\n`;
}

/** The stderr line for lines the platform no longer holds. */
export function gapMessage(fromSeq: number, toSeq: number, reason: string): string {
  const count = toSeq - fromSeq + 1;
  return `-- ${count} log line${count === 1 ? ' was' : 's were'} lost (${reason}) --`;
}

/** The stderr line when a followed build log ends: how the build went. */
export function eofMessage(state: string): string {
  if (state === 'failed') return '-- end of the build log: the build failed --';
  if (state === 'cancelled') return '-- end of the build log: the deployment was cancelled --';
  return `-- end of the build log: the build succeeded (the deployment is ${state}) --`;
}
