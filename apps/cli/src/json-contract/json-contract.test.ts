import { apiJsonSchema } from '@max/api-spec';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { commandJsonSchema, configDocumentJsonSchema } from './json-schemas.js';
import { contractGroup, loadOutputContract } from './load-contract.js';
import { contractGroups, outputContracts } from './outputs.js';
import { parseContractValue } from './parse-contract.js';
import {
  AppSchema,
  DashboardSchema,
  EventRevertResultSchema,
  EventSchema,
  NetworkSchema,
  PlanBlockerSchema,
  PlanChangeSchema,
  DeploymentFailureSchema,
  ReleaseRefSchema,
  ReleaseSchema,
  SecretSchema,
  VarSchema,
} from './wire-schemas.js';
import { ShellSessionSchema } from './remote-schemas.js';

type Json = Record<string, unknown>;
const defs = apiJsonSchema().$defs as unknown as Record<string, Json>;

/** Follows `$ref`s and `allOf`s of the spec to the object's properties and required list. */
function specShape(schema: Json): { properties: string[]; required: string[] } {
  if (typeof schema['$ref'] === 'string') return specShape(defs[schema['$ref'].replace('#/$defs/', '')] ?? {});
  if (Array.isArray(schema['allOf'])) {
    const parts = (schema['allOf'] as Json[]).map(specShape);
    return { properties: parts.flatMap((p) => p.properties), required: parts.flatMap((p) => p.required) };
  }
  return { properties: Object.keys((schema['properties'] as Json | undefined) ?? {}), required: (schema['required'] as string[] | undefined) ?? [] };
}

function zodShape(schema: z.ZodMiniType): { properties: string[]; required: string[] } {
  const json = z.toJSONSchema(schema, { io: 'output' }) as Json;
  return { properties: Object.keys((json['properties'] as Json | undefined) ?? {}), required: (json['required'] as string[] | undefined) ?? [] };
}

describe('the CLI’s wire schemas mirror the OpenAPI document', () => {
  it.each([
    ['Network', NetworkSchema],
    ['App', AppSchema],
    ['Var', VarSchema],
    ['Secret', SecretSchema],
    ['ReleaseRef', ReleaseRefSchema],
    ['Event', EventSchema],
    ['Dashboard', DashboardSchema],
    ['PlanChange', PlanChangeSchema],
    ['PlanBlocker', PlanBlockerSchema],
    ['EventRevertResult', EventRevertResultSchema],
    ['Release', ReleaseSchema],
    ['DeploymentFailure', DeploymentFailureSchema],
    ['ShellSession', ShellSessionSchema],
  ] as const)('%s: same fields, same required fields', (name, schema) => {
    const spec = specShape(defs[name] ?? {});
    const ours = zodShape(schema);
    expect(ours.properties.sort()).toEqual([...new Set(spec.properties)].sort());
    expect(ours.required.sort()).toEqual([...new Set(spec.required)].sort());
  });

  it('a Secret has no value field, anywhere rig prints one', () => {
    expect(zodShape(SecretSchema).properties).not.toContain('value');
    expect(JSON.stringify(commandJsonSchema('create secret'))).not.toMatch(/"value"/);
    expect(JSON.stringify(commandJsonSchema('status secret'))).not.toMatch(/"value"/);
  });
});

describe('output contracts', () => {
  it('parsing drops fields the contract does not name (a value a server should never send stays out of stdout)', () => {
    const contract = outputContracts['status secret'];
    if (!contract || 'document' in contract) throw new Error('expected a zod contract');
    const parsed = contract.json.parse([{ key: 'K', digest: `sha256:${'a'.repeat(64)}`, created_at: 't', updated_at: 't', value: 'leak' }]);
    expect(parsed).toEqual([{ key: 'K', digest: `sha256:${'a'.repeat(64)}`, created_at: 't', updated_at: 't' }]);
  });

  it('published schemas are open for additions; strict ones are not', () => {
    expect(JSON.stringify(commandJsonSchema('create network'))).not.toContain('"additionalProperties":false');
    expect(JSON.stringify(commandJsonSchema('create network', { strict: true }))).toContain('"additionalProperties":false');
  });

  it('the config document schema is cut from the spec with every definition it needs', () => {
    const schema = configDocumentJsonSchema();
    const text = JSON.stringify(schema);
    for (const ref of text.matchAll(/"\$ref":"#\/\$defs\/([A-Za-z]+)"/g)) expect(Object.keys(schema['$defs'] as Json)).toContain(ref[1]);
    expect(schema['$ref']).toBe('#/$defs/ConfigDocument');
  });
});

describe('contract groups (rig loads only the group of the command it runs)', () => {
  it('every command is in the group module contractGroup() names, and only there', () => {
    for (const [group, contracts] of Object.entries(contractGroups)) {
      for (const command of Object.keys(contracts)) expect([command, contractGroup(command)]).toEqual([command, group]);
    }
    const total = Object.values(contractGroups).reduce((n, contracts) => n + Object.keys(contracts).length, 0);
    expect(Object.keys(outputContracts)).toHaveLength(total);
  });

  it('loadOutputContract gives the registry’s contract, and refuses a command without one', async () => {
    for (const command of ['whoami', 'status app', 'deploy', 'logs app', 'command', 'config export']) {
      const { contract, parse } = await loadOutputContract(command);
      expect(JSON.stringify(contract)).toBe(JSON.stringify(outputContracts[command]));
      expect(parse).toBe(parseContractValue);
    }
    await expect(loadOutputContract('status nothing')).rejects.toThrow(/No JSON output contract for `rig status nothing`/);
  });
});
