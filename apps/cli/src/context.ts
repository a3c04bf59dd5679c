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
}
