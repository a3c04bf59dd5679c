import * as z from 'zod/mini';

/**
 * The machine output of `rig shell …` and `rig command …`. `ShellSessionSchema` mirrors the OpenAPI
 * `ShellSession` (checked by `json-contract.test.ts`); the session and command results are rig's own documents.
 */

const time = z.string().check(z.describe('RFC 3339 time.'));
const count = z.int().check(z.nonnegative());

export const ShellSessionSchema = z.object({
  id: z.string(),
  network: z.string(),
  app: z.nullable(z.string()).check(z.describe('Null for network shells.')),
  command: z.array(z.string()),
  term: z.string(),
  cols: z.int(),
  rows: z.int(),
  state: z.enum(['running', 'exited']),
  exit_code: z.nullable(z.int()),
  signal: z.nullable(z.string()),
  pid: z.int().check(z.describe('The shell’s process id on the platform host; the same across attaches.')),
  attached_clients: count,
  output_bytes: count,
  detach_timeout_seconds: z.int(),
  created_at: time,
  ended_at: z.nullable(time),
});

export const ShellResultSchema = z.object({
  id: z.string(),
  state: z.enum(['exited', 'detached']),
  exit_code: z.nullable(z.int()).check(z.describe('rig’s exit code: the shell’s, or 128+N when signal N ended it; null when detached.')),
  signal: z.nullable(z.string()),
});

export const CommandResultSchema = z.object({
  id: z.string().check(z.describe('The run id (`rig command attach <id>`).')),
  network: z.string(),
  app: z.nullable(z.string()).check(z.describe('Null for network runs.')),
  command: z.array(z.string()),
  state: z.enum(['exited', 'failed', 'timed_out', 'cancelled', 'detached', 'running']),
  exit_code: z
    .nullable(z.int())
    .check(z.describe('rig’s exit code for the run: the command’s, 128+N for signal N, 124 after a timeout, 127/126 when it could not start; null while it runs on (`--detach`, detached).')),
  signal: z.nullable(z.string()),
  error: z.nullable(z.string()).check(z.describe('Why the command could not start (state `failed`).')),
  stdout_bytes: count.check(z.describe('Bytes of the command’s stdout relayed (to rig’s stderr in JSON mode).')),
  stderr_bytes: count.check(z.describe('Bytes of the command’s stderr relayed.')),
  lost_bytes: count.check(z.describe('Output bytes the platform no longer buffered when rig (re)attached.')),
});
