import { outcomeExitCode, type DeployOutcome } from '@max/rig-sdk';

// Kept apart from exit-codes.ts on purpose: that registry is loaded by rig's entry chunk, and this module pulls in
// the SDK, which `rig --version`/`--help` must not load.

/** How a deploy (or rollback) ended, as `rig deploy -o json` reports it (the SDK's classification). */
export type { DeployOutcome };

/** THE mapping from a deploy outcome to rig's exit code (docs/cli/exit-codes.md): the SDK's, shared with the Action. */
export const deployOutcomeExitCode: (outcome: DeployOutcome) => number = outcomeExitCode;
