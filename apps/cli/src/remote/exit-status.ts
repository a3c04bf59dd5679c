import { constants } from 'node:os';
import { ExitCode } from '../errors/exit-codes.js';

/** `rig command` exits 124 when its `--timeout` killed the command (as `timeout(1)` does). */
export const TIMED_OUT_EXIT_CODE = 124;
/** A closed stdout ends rig as SIGPIPE would end a local process: 128 + 13. */
export const CLOSED_STDOUT_EXIT_CODE = 128 + 13;

/**
 * The exit code rig reports for a remote process, as ssh and POSIX shells do: its own exit code, or 128+N when
 * signal N ended it (SIGKILL → 137); 124 when the platform killed it for its timeout. An unknown signal name, or
 * neither code nor signal, is rig's own failure (255): rig cannot say how the process ended.
 */
export function remoteExitCode(end: { state?: string; exitCode: number | null; signal: string | null }): number {
  if (end.state === 'timed_out') return TIMED_OUT_EXIT_CODE;
  if (end.exitCode !== null) return end.exitCode;
  if (end.signal !== null) {
    const number = (constants.signals as Record<string, number | undefined>)[end.signal];
    if (number !== undefined) return 128 + number;
  }
  return ExitCode.RemoteFailed;
}
