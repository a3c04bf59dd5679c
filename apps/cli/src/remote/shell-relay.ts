import type { MaxClient, ShellEnd } from '@max/rig-sdk';
import type { CommandContext } from '../context.js';
import { UsageError } from '../errors/cli-error.js';
import type { ProcessIo } from '../io.js';
import { ByteWriter } from './byte-writer.js';
import { DETACH_SEQUENCE_HELP, DetachEscape } from './detach-escape.js';
import { remoteExitCode } from './exit-status.js';
import { createGarbageBounder } from './memory.js';

/**
 * `rig shell` needs a person at a terminal: raw keystrokes in, screen output out. Checked before anything is
 * sent, so a script gets a usage error (exit 2) and a pointer to `rig command`.
 */
export function requireTerminal(ctx: CommandContext): ProcessIo & { setRawMode: (on: boolean) => void } {
  const io = ctx.io.process;
  if (!ctx.io.isStdinTTY || io?.setRawMode === undefined) {
    throw new UsageError(
      '`rig shell` needs a terminal, and stdin is not one.',
      'To run something without a terminal (scripts, pipes, CI), use `rig command <network>/<app> -- <program> [args…]`, which relays stdin, stdout, stderr and the exit code.',
    );
  }
  return { ...io, setRawMode: io.setRawMode };
}

/** The terminal's size, within what the platform accepts (a detached pseudo-terminal may report 0). */
export function terminalSize(io: ProcessIo): { cols: number; rows: number } {
  const size = io.terminalSize();
  const clamp = (value: number | undefined, fallback: number) => (value && value > 0 ? Math.min(1000, Math.floor(value)) : fallback);
  return { cols: clamp(size?.cols, 80), rows: clamp(size?.rows, 24) };
}

/**
 * Attaches the local terminal to a shell session until the shell exits or the user detaches (Enter `~` `.`):
 * raw mode on, keystrokes relayed, output written with backpressure, the window size followed (SIGWINCH), a
 * "reconnecting…" notice while the connection is down. Always restores the terminal. Returns rig's exit code.
 */
export async function relayShell(ctx: CommandContext, client: MaxClient, sessionId: string): Promise<number> {
  const terminal = requireTerminal(ctx);
  const size = terminalSize(terminal);
  const shell = await client.shells.attach(sessionId, size);
  const stdout = new ByteWriter(terminal.stdout, () => void shell.detach());
  const notice = (text: string) => void terminal.stderr.write(new TextEncoder().encode(`\r\n${text}\r\n`));
  const escape = new DetachEscape();
  let detached = false;

  const onInput = (chunk: Buffer | string): void => {
    const bytes = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const { send, detach } = escape.feed(bytes);
    if (send.byteLength > 0) shell.write(send).catch(() => undefined); // a failed attachment is reported by `exit`
    if (detach) {
      detached = true;
      void shell.detach();
    }
  };
  const stopResize = terminal.onResize(() => {
    const next = terminalSize(terminal);
    shell.resize(next.cols, next.rows).catch(() => undefined);
  });
  // Raw mode delivers Ctrl-C as a byte for the remote shell; a SIGINT from elsewhere must not kill the relay.
  const stopTrap = terminal.trapInterrupt(() => onInput('\u0003'));
  let lost = false;
  const stopConnection = shell.onConnectionChange((state) => {
    if (state === 'reconnecting' && !lost) {
      lost = true;
      notice('rig: connection lost, reconnecting…');
    } else if (state === 'connected') lost = false;
  });

  terminal.setRawMode(true);
  ctx.io.stdin.on('data', onInput);
  ctx.io.stdin.resume();
  const relayed = createGarbageBounder();
  let end: ShellEnd;
  try {
    for await (const item of shell.output) {
      if (item.type === 'output') {
        relayed(item.data.byteLength);
        await stdout.write(item.data);
      }
      else if (item.type === 'gap') notice(`rig: ${item.toOffset - item.fromOffset} bytes of output were lost (${item.reason})`);
    }
    end = await shell.exit;
  } finally {
    ctx.io.stdin.off('data', onInput);
    ctx.io.stdin.pause();
    terminal.setRawMode(false);
    stopResize();
    stopTrap();
    stopConnection();
  }

  if (end.state === 'detached') {
    if (!stdout.closed && detached) {
      ctx.out.note(
        `\r\nDetached from shell session ${sessionId}; it keeps running. Attach again: rig shell attach ${sessionId}  (detach: ${DETACH_SEQUENCE_HELP})`,
      );
    }
    ctx.out.result({ id: sessionId, state: 'detached', exit_code: null, signal: null });
    return 0;
  }
  const code = remoteExitCode(end);
  ctx.out.result({ id: sessionId, state: 'exited', exit_code: code, signal: end.signal });
  return code;
}
