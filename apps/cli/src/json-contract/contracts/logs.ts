import type { ContractFactories } from '../contract-types.js';
import { list } from '../contract-types.js';
import { LogRecordSchema } from '../log-schemas.js';

export { parseContractValue } from '../parse-contract.js';

/** Log reads and follows. */
export const contracts: ContractFactories = {
  'logs app': () => list(LogRecordSchema),
  'logs build': () => list(LogRecordSchema),
  'logs network': () => list(LogRecordSchema),
};
