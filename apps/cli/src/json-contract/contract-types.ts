import * as z from 'zod/mini';

/**
 * What one command prints with `-o json` (and `-o jsonl`), as zod schemas. The registry of every command's
 * contract is `outputs.ts`; at run time `main.ts` loads only the group module of the command it runs and builds
 * only its contract (`load-contract.ts`), so a command pays for its own schemas and no one else's.
 */
export type OutputContract =
  | {
      /** The `-o json` document. */
      readonly json: z.ZodMiniType;
      /** One `-o jsonl` line, when it differs from the document (lists print one element per line). */
      readonly line?: z.ZodMiniType;
    }
  /** The output is a config document, whose schema is published from the OpenAPI spec (`config-document.schema.json`). */
  | { readonly document: 'config-document' };

/** The contracts of a group of commands, by command name (`'status app'`). */
export type OutputContracts = Readonly<Record<string, OutputContract>>;

/**
 * A group module's contracts, each built when asked for: building zod schemas is most of what a contract costs
 * at start-up, and a command needs only its own.
 */
export type ContractFactories = Readonly<Record<string, () => OutputContract>>;

/** How a JSON value is checked against a contract schema (zod's `safeParse` result). */
export type ParseContract = (schema: z.ZodMiniType, value: unknown) => ReturnType<z.ZodMiniType['safeParse']>;

/** A list: a JSON array in `-o json`, one element per line in `-o jsonl`. */
export const list = (item: z.ZodMiniType) => ({ json: z.array(item), line: item });
/** One object when a name was given, else a list. */
export const oneOrList = (item: z.ZodMiniType) => ({ json: z.union([item, z.array(item)]), line: item });
