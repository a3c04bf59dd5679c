import * as z from 'zod/mini';
import type { ContractFactories } from '../contract-types.js';
import { list } from '../contract-types.js';
import { DeployDryRunSchema, DeployEventLineSchema, DeployResultSchema, RollbackResultSchema } from '../deploy-schemas.js';
import { ReleaseSchema } from '../wire-schemas.js';

export { parseContractValue } from '../parse-contract.js';

/** Deploys, releases and rollbacks. */
export const contracts: ContractFactories = {
  deploy: () => ({ json: z.union([DeployResultSchema, DeployDryRunSchema]), line: z.union([DeployEventLineSchema, DeployDryRunSchema]) }),
  releases: () => list(ReleaseSchema),
  'rollback app': () => ({ json: RollbackResultSchema }),
};
