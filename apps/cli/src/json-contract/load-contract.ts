import type { ContractFactories, OutputContract, ParseContract } from './contract-types.js';

// No value imports: `main.ts` imports this module statically, and rig's entry chunk must stay free of zod and the
// SDK (test/e2e/startup.test.ts). Each group module below is its own chunk.

/** The module of `contracts/` that holds a command's JSON contract. */
export type ContractGroup = 'account' | 'resources' | 'deploy' | 'logs' | 'remote';

/** Which group a command's contract lives in (`json-contract.test.ts` checks every command against its module). */
export function contractGroup(command: string): ContractGroup {
  if (command === 'login' || command === 'logout' || command === 'whoami' || command === 'completion' || command.startsWith('context ')) return 'account';
  if (command === 'deploy' || command === 'releases' || command === 'rollback app') return 'deploy';
  if (command.startsWith('logs ')) return 'logs';
  if (command === 'command' || command.startsWith('shell ')) return 'remote';
  return 'resources';
}

interface GroupModule {
  readonly contracts: ContractFactories;
  readonly parseContractValue: ParseContract;
}

const loaders: Readonly<Record<ContractGroup, () => Promise<GroupModule>>> = {
  account: () => import('./contracts/account.js'),
  resources: () => import('./contracts/resources.js'),
  deploy: () => import('./contracts/deploy.js'),
  logs: () => import('./contracts/logs.js'),
  remote: () => import('./contracts/remote.js'),
};

/**
 * The contract of the command about to run and the parser to check values with: one import (the command's
 * group), one contract built. `rig whoami -o json` builds no deploy or dashboard schema (ADR 0017).
 */
export async function loadOutputContract(command: string): Promise<{ contract: OutputContract; parse: ParseContract }> {
  const group = await loaders[contractGroup(command)]();
  const factory = group.contracts[command];
  if (!factory) throw new Error(`No JSON output contract for \`rig ${command}\`.`);
  return { contract: factory(), parse: group.parseContractValue };
}
