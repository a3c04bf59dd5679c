import type { GlobalFlags } from './global-options.js';
import type { Io } from './io.js';
import type { Output } from './output/output.js';

/** What every command gets: the injected I/O, the resolved global flags and the output. */
export interface CommandContext {
  readonly io: Io;
  readonly globals: GlobalFlags;
  readonly out: Output;
  /** Aborted on Ctrl-C. */
  readonly signal: AbortSignal;
  /** Commands record what they learn (credential source, API URL) so error hints can use it. */
  readonly errorContext: { credentialSource?: 'env' | 'keychain' | 'file' | 'none'; apiUrl?: string };
  /**
   * What a Ctrl-C means at this point of the command; commands update it as they go. Absent or not `quiet`: the
   * command was cut short, an "Interrupted." error (exit 130). `quiet`: stopping is the normal way out — a follow or
   * a watch (main sets this from `--follow`/`--watch`), or a wait on work that carries on without rig — so rig
   * exits 130 with no error, after printing `note` (to stderr) when there is one.
   */
  readonly interrupt?: InterruptBehaviour;
}

export interface InterruptBehaviour {
  quiet: boolean;
  note?: string | undefined;
}
