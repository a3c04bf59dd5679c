import * as z from 'zod/mini';
import { openEnum } from './open-enum.js';

/**
 * The machine output of `rig logs app|build|network` (`-o jsonl`: one record per line as it arrives; `-o json`:
 * an array of them). A log line is the wire LogLine; the two records with a `type` are never log lines, so a
 * script can tell them apart by that field (docs/protocol.md §4.3).
 */

const seq = z.int().check(z.minimum(1));

export const LogLineRecordSchema = z.object({
  seq: seq.check(z.describe('Position in this log stream: grows by 1 per line (with `--stream`, the other stream’s lines are skipped).')),
  ts: z.string().check(z.describe('RFC 3339 time the platform received the line.')),
  stream: openEnum(['stdout', 'stderr']),
  source: openEnum(['app', 'build', 'platform'], '`app`: the app’s process; `build`: the build step; `platform`: Max itself (starts, health checks, build steps).'),
  line: z.string().check(z.describe('The text, without its newline.')),
  app: z.optional(z.string().check(z.describe('Network logs only: the app that wrote the line.'))),
});

export const LogGapRecordSchema = z.object({
  type: z.literal('gap'),
  from_seq: seq,
  to_seq: seq,
  reason: z.string().check(z.describe('Why the lines are gone: `retention` (the platform keeps a bounded window per stream).')),
});

export const LogEofRecordSchema = z.object({
  type: z.literal('eof'),
  last_seq: z.nullable(z.int()),
  state: z.string().check(z.describe('The deployment’s state when its build log closed: `releasing` (or later) after a successful build, `failed` or `cancelled` otherwise.')),
});

/** One record of `rig logs` output. */
export const LogRecordSchema = z.union([LogLineRecordSchema, LogGapRecordSchema, LogEofRecordSchema]);
