import type { ContractFactories, OutputContract, OutputContracts } from './contract-types.js';
import type { ContractGroup } from './load-contract.js';
import { contracts as account } from './contracts/account.js';
import { contracts as deploy } from './contracts/deploy.js';
import { contracts as logs } from './contracts/logs.js';
import { contracts as remote } from './contracts/remote.js';
import { contracts as resources } from './contracts/resources.js';

export type { OutputContract } from './contract-types.js';

/**
 * What each command prints with `-o json` (and `-o jsonl`), as zod schemas: THE registry of rig's machine
 * contract, the union of the group modules in `contracts/`. `main.ts` loads only the command's group in the
 * machine modes (`load-contract.ts`) and hands the command's entry to `Output`, which parses every JSON value
 * through it before writing (so the output cannot drift from the contract, and fields the contract does not name
 * are dropped). `docs/cli/json/<command>.schema.json` is generated from this registry.
 */
export const contractGroups: Readonly<Record<ContractGroup, ContractFactories>> = { account, resources, deploy, logs, remote };

export const outputContracts: OutputContracts = Object.fromEntries(
  Object.values(contractGroups).flatMap((factories) => Object.entries(factories).map(([command, factory]) => [command, factory()])),
);

/** The contract of a command; every command has one (the docs test checks). */
export function outputContract(command: string): OutputContract {
  const contract = outputContracts[command];
  if (!contract) throw new Error(`No JSON output contract for \`rig ${command}\`.`);
  return contract;
}
