import { describe, expect, it } from 'vitest';
import { openapiDocument } from '../src/index.js';

// The cross-cutting rules of the wire contract (contract.md), checked over every operation so a new endpoint
// cannot forget one.

type Json = Record<string, unknown>;
const METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const;

function deref(value: unknown): Json {
  const object = value as Json;
  const ref = object['$ref'];
  if (typeof ref !== 'string') return object;
  const parts = ref.replace(/^#\//, '').split('/');
  let target: unknown = openapiDocument;
  for (const part of parts) target = (target as Json)[part];
  return deref(target);
}

const operations = Object.entries(openapiDocument.paths).flatMap(([path, item]) =>
  METHODS.filter((method) => item[method] !== undefined).map((method) => {
    const operation = item[method] as Json;
    const parameters = [...((item['parameters'] as unknown[]) ?? []), ...((operation['parameters'] as unknown[]) ?? [])].map(deref);
    return { path, method, operation, parameters, id: `${method.toUpperCase()} ${path}` };
  }),
);

describe('every operation', () => {
  it('there are operations to check', () => {
    expect(operations.length).toBeGreaterThan(60);
  });

  it.each(operations.map((o) => [o.id, o] as const))('%s has a unique camelCase operationId', (_id, { operation }) => {
    expect(operation['operationId']).toMatch(/^[a-z][a-zA-Z0-9]*$/);
    expect(operations.filter((o) => o.operation['operationId'] === operation['operationId'])).toHaveLength(1);
  });

  it.each(operations.map((o) => [o.id, o] as const))('%s answers x-request-id on every response', (_id, { operation }) => {
    for (const [status, response] of Object.entries(operation['responses'] as Json)) {
      const headers = (deref(response)['headers'] ?? {}) as Json;
      expect(headers['x-request-id'], `response ${status}`).toBeDefined();
    }
  });

  it.each(operations.map((o) => [o.id, o] as const))('%s uses the Error schema for every error response', (_id, { operation }) => {
    for (const [status, response] of Object.entries(operation['responses'] as Json)) {
      if (/^[23]/.test(status)) continue;
      const content = deref(response)['content'] as Json;
      expect((content['application/json'] as Json)['schema'], `response ${status}`).toEqual({ $ref: '#/components/schemas/Error' });
    }
  });

  it.each(operations.filter((o) => o.method === 'post').map((o) => [o.id, o] as const))(
    '%s accepts Idempotency-Key',
    (_id, { parameters }) => {
      expect(parameters.some((p) => p['name'] === 'Idempotency-Key' && p['in'] === 'header')).toBe(true);
    },
  );

  it.each(operations.filter((o) => o.parameters.some((p) => p['name'] === 'cursor')).map((o) => [o.id, o] as const))(
    '%s (paginated) answers {data, next_cursor}',
    (_id, { operation }) => {
      const ok = deref((operation['responses'] as Json)['200']);
      const schema = deref(((ok['content'] as Json)['application/json'] as Json)['schema']);
      expect(schema['required']).toEqual(['data', 'next_cursor']);
    },
  );

  it('only health checks and auth bootstrapping skip bearer auth', () => {
    const open = operations.filter((o) => Array.isArray(o.operation['security']) && (o.operation['security'] as unknown[]).length === 0);
    expect(open.map((o) => o.operation['operationId']).sort()).toEqual(
      ['createToken', 'exchangeOidcToken', 'healthz', 'pollDeviceToken', 'requestDeviceCode', 'revokeToken'].sort(),
    );
  });
});

describe('request bodies', () => {
  it('every JSON request body schema is closed (additionalProperties: false)', () => {
    const schemas = openapiDocument.components.schemas as Record<string, Json>;
    const closed = (schema: Json): boolean => {
      const resolved = deref(schema);
      if (Array.isArray(resolved['oneOf'])) return (resolved['oneOf'] as Json[]).every(closed);
      return resolved['additionalProperties'] === false;
    };
    for (const { id, operation } of operations) {
      const body = operation['requestBody'] as Json | undefined;
      const json = body && ((body['content'] as Json)['application/json'] as Json | undefined);
      if (!json) continue;
      expect(closed(json['schema'] as Json), id).toBe(true);
    }
    expect(schemas['ConfigNetwork']?.['additionalProperties']).toBe(false);
  });
});
