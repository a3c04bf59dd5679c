import type { ContractFactories } from '../contract-types.js';
import { list } from '../contract-types.js';
import { CommandResultSchema, ShellResultSchema, ShellSessionSchema } from '../remote-schemas.js';

export { parseContractValue } from '../parse-contract.js';

/** Shell sessions and command runs. */
export const contracts: ContractFactories = {
  'shell app': () => ({ json: ShellResultSchema }),
  'shell network': () => ({ json: ShellResultSchema }),
  'shell attach': () => ({ json: ShellResultSchema }),
  'shell list': () => list(ShellSessionSchema),
  'shell kill': () => ({ json: ShellSessionSchema }),
  command: () => ({ json: CommandResultSchema }),
};
