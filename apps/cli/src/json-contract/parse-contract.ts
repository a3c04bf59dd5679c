import { safeParseFast } from '@max/rig-sdk';
import type { ParseContract } from './contract-types.js';

/**
 * Checks a value against a contract schema with the SDK's compiled fast path: zod's result exactly, without its
 * per-value cost on thousands of rows (`rig status app` of every network; ADR 0017). Every group module in
 * `contracts/` re-exports it, so `main.ts` gets the contract and its parser from one import.
 */
export const parseContractValue: ParseContract = safeParseFast;
