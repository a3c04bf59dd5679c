import type { MaxClient, Run, RunAttachment, RunEnd } from '@max/rig-sdk';
import type { CommandContext } from '../context.js';
import { CliError } from '../errors/cli-error.js';
import { ExitCode } from '../errors/exit-codes.js';
import type { ProcessIo } from '../io.js';
import { ByteWriter } from './byte-writer.js';
import { CLOSED_STDOUT_EXIT_CODE, remoteExitCode } from './exit-status.js';
import { createGarbageBounder } from './memory.js';

/** What `rig command -o json` prints: one document, whatever happened to the run. */
export interface CommandResult {
  id: string;
  network: string;
  app: string | null;
  command: string[];
  state: RunEnd['state'] | 'running';
  exit_code: number | null;
  signal: string | null;
  error: string | null;
  stdout_bytes: number;
  stderr_bytes: number;
  lost_bytes: number;
}

/**
 * `rig command` reports its own failures with 255, because every other code may be the remote program's
 * (ssh's rule): the message and hint of the usual mapping are kept, and the JSON error `code` still says which
 * failure it was. Usage errors keep exit 2 (nothing was sent).
 */
export async function asRemoteFailure<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof CliError && (error.exitCode === ExitCode.Usage || error.exitCode === ExitCode.Interrupted)) throw error;
    const { mapError } = await import('../errors/map-error.js');
    const report = mapError(error);
    if (report.exitCode === ExitCode.Usage || report.exitCode === ExitCode.Interrupted) throw error;
    throw new CliError(report.message, ExitCode.RemoteFailed, report.code, report.hint, report.details);
  }
}

export function processIo(ctx: CommandContext): ProcessIo {
  const io = ctx.io.process;
  if (io === undefined) throw new Error('rig command needs the process streams (bin/rig.mjs provides them)');
  return io;
}

/**
 * Relays a run: stdout → stdout and stderr → stderr byte for byte (both to stderr with `-o json`, whose stdout is
 * the document), stdin → the run with backpressure and EOF, Ctrl-C → SIGINT (a second Ctrl-C detaches), a closed
 * stdout → cancel the run and exit 141. Returns rig's exit code.
 */
export async function relayRun(ctx: CommandContext, client: MaxClient, run: Run, attached?: RunAttachment): Promise<number> {
  const io = processIo(ctx);
  // From byte 0: output the platform no longer holds (a chatty run before rig attached) is reported, not skipped.
  // A run rig just started comes attached already (`runs.start`: the connection opened while it was created).
  const attachment = attached ?? (await client.runs.attach(run.id, { offset: 0, signal: ctx.signal }));
  // A closed stdout must end the remote command too, not only rig: handled here (ByteWriter), then exit 141.
  const releaseClosedOutput = io.trapClosedOutput();
  let stdoutClosed = false;
  const stdout = new ByteWriter(ctx.out.human ? io.stdout : io.stderr, () => {
    stdoutClosed = true;
    void attachment.detach();
  });
  const stderr = ctx.out.human ? new ByteWriter(io.stderr) : stdout;
  const counts = { stdout: 0, stderr: 0, lost: 0 };
  const say = (text: string) => ctx.out.note(ctx.out.err.dim(text));

  let interrupts = 0;
  let detachedByUser = false;
  const stopTrap = io.trapInterrupt(() => {
    interrupts += 1;
    if (interrupts === 1) {
      say('rig: sent SIGINT to the remote command (Ctrl-C again to detach)');
      attachment.signal('SIGINT').catch(() => undefined);
    } else {
      detachedByUser = true;
      void attachment.detach();
    }
  });
  let lost = false;
  const stopConnection = attachment.onConnectionChange((state) => {
    if (state === 'reconnecting' && !lost) {
      lost = true;
      say('rig: connection lost, reconnecting…');
    } else if (state === 'connected') lost = false;
  });

  // Stdin: pulled only as fast as the run takes it (the attachment's acknowledged window).
  let stdinError: unknown;
  const pump = (async () => {
    try {
      for await (const chunk of ctx.io.stdin) {
        const bytes = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : (chunk as Uint8Array);
        if (!(await attachment.write(bytes))) return;
      }
      await attachment.closeStdin();
    } catch (error) {
      stdinError = error;
    }
  })();

  const relayed = createGarbageBounder();
  let end: RunEnd;
  try {
    for await (const item of attachment.output) {
      if (item.type !== 'gap') relayed(item.data.byteLength);
      if (item.type === 'stdout') {
        counts.stdout += item.data.byteLength;
        await stdout.write(item.data);
      } else if (item.type === 'stderr') {
        counts.stderr += item.data.byteLength;
        await stderr.write(item.data);
      } else if (item.type === 'gap') {
        counts.lost += item.toOffset - item.fromOffset;
        say(`rig: ${item.toOffset - item.fromOffset} bytes of output were lost (${item.reason})`);
      }
    }
    end = await attachment.exit;
  } finally {
    stopTrap();
    stopConnection();
  }
  if (!stdoutClosed) releaseClosedOutput();
  // The pump may be parked on a stdin that never ends (a terminal): it must not hold rig.
  void pump;

  const result = (state: CommandResult['state'], exitCode: number | null, extra: Partial<CommandResult> = {}): CommandResult => ({
    id: run.id,
    network: run.network,
    app: run.app,
    command: run.command,
    state,
    exit_code: exitCode,
    signal: null,
    error: null,
    stdout_bytes: counts.stdout,
    stderr_bytes: counts.stderr,
    lost_bytes: counts.lost,
    ...extra,
  });

  if (end.state === 'detached') {
    if (stdoutClosed) {
      // Nobody reads the output any more: end the command rather than leave it running unseen.
      await client.runs.cancel(run.id).catch(() => undefined);
      return CLOSED_STDOUT_EXIT_CODE;
    }
    if (detachedByUser) say(`Detached from run ${run.id}; it keeps running. Attach again: rig command attach ${run.id}`);
    ctx.out.result(result('running', null));
    return detachedByUser ? ExitCode.Interrupted : 0;
  }
  if (stdinError !== undefined) say(`rig: relaying stdin failed: ${stdinError instanceof Error ? stdinError.message : String(stdinError)}`);
  if (end.state === 'timed_out') say(`rig: the command was killed after its timeout (${run.timeout_seconds} s)`);
  const code = remoteExitCode(end);
  ctx.out.result(result(end.state, code, { signal: end.signal, error: end.error }));
  return code;
}
