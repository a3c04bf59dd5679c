import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { expect } from 'vitest';
import { commandJsonSchema, configDocumentJsonSchema } from '../../src/json-contract/json-schemas.js';

/**
 * Validates REAL rig output against the JSON Schemas generated from the output contracts, in their strict form
 * (no undocumented field allowed), with Ajv 2020 — an implementation independent of zod.
 */
const ajv = new Ajv2020({ strict: false, allErrors: true });
ajv.addSchema(configDocumentJsonSchema());
const validators = new Map<string, { doc: ValidateFunction; line: ValidateFunction }>();

function validatorsFor(command: string): { doc: ValidateFunction; line: ValidateFunction } {
  const cached = validators.get(command);
  if (cached) return cached;
  const schema = commandJsonSchema(command, { strict: true });
  const doc = ajv.compile(schema);
  const defs = schema['$defs'] as Record<string, unknown> | undefined;
  const line = defs?.['line'] ? ajv.getSchema(`${String(schema['$id'])}#/$defs/line`) : doc;
  if (!line) throw new Error(`no line schema for ${command}`);
  const pair = { doc, line };
  validators.set(command, pair);
  return pair;
}

/** Asserts `stdout` of `rig <command> -o json` is one document valid against the command's schema; returns it. */
export function expectJsonContract<T = unknown>(command: string, stdout: string): T {
  const value = JSON.parse(stdout) as T;
  const { doc } = validatorsFor(command);
  expect(doc(value) ? [] : doc.errors, `rig ${command} -o json breaks its schema`).toEqual([]);
  return value;
}

/** Asserts every line of `rig <command> -o jsonl` is valid against the command's line schema; returns them. */
export function expectJsonlContract<T = unknown>(command: string, stdout: string): T[] {
  const { line } = validatorsFor(command);
  return stdout
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => {
      const value = JSON.parse(l) as T;
      expect(line(value) ? [] : line.errors, `a line of rig ${command} -o jsonl breaks its schema`).toEqual([]);
      return value;
    });
}
