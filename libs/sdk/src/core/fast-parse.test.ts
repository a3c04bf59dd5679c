import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { isCompiled, safeParseFast } from './fast-parse.js';

// Every schema module of the SDK: whatever is added later is covered too.
const schemasDir = join(dirname(fileURLToPath(import.meta.url)), '../schemas');
const modules = await Promise.all(
  readdirSync(schemasDir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map(async (f) => (await import(join(schemasDir, f))) as Record<string, unknown>),
);
const schemas: Record<string, unknown> = Object.assign({}, ...modules);

/** zod/mini's definition, as far as these tests walk it. */
interface Def {
  type: string;
  format?: string;
  shape?: Record<string, { _zod: { def: Def } }>;
  innerType?: { _zod: { def: Def } };
  element?: { _zod: { def: Def } };
  options?: { _zod: { def: Def } }[];
  entries?: Record<string, unknown>;
  values?: unknown[];
  getter?: () => unknown;
}
const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;

/**
 * Valid samples of a schema, built from its definition: `variant` picks null vs a value for nullables, present vs
 * absent for optionals, and which union option — so that several samples together reach every branch. Objects
 * get an unknown key too (it must be stripped like zod strips it).
 */
function sample(def: Def, variant: number, depth = 0): unknown {
  switch (def.type) {
    case 'string':
      return `s${variant}`;
    case 'boolean':
      return variant % 2 === 0;
    case 'number':
      return def.format === 'safeint' ? variant + 1 : variant + 0.5;
    case 'literal':
      return def.values?.[0];
    case 'enum':
      return Object.values(def.entries ?? {})[variant % Object.values(def.entries ?? {}).length];
    case 'nullable':
      return variant % 2 === 1 ? null : sample(defOf(def.innerType), variant, depth + 1);
    case 'optional':
      return variant % 3 === 2 ? undefined : sample(defOf(def.innerType), variant, depth + 1);
    case 'union': {
      const options = def.options ?? [];
      return sample(defOf(options[variant % options.length]), variant, depth + 1);
    }
    case 'array':
      return depth > 6 ? [] : [sample(defOf(def.element), variant, depth + 1), sample(defOf(def.element), variant + 1, depth + 1)];
    case 'object': {
      // Variants: an unknown key to strip (even), exactly the documented keys (odd), and the keys reversed (3).
      const out: Record<string, unknown> = variant % 2 === 0 ? { zz_unknown: 'stripped' } : {};
      const entries = Object.entries(def.shape ?? {});
      for (const [key, field] of variant % 6 === 3 ? entries.reverse() : entries) {
        const value = sample(defOf(field), variant + key.length, depth + 1);
        if (value !== undefined) out[key] = value;
      }
      return out;
    }
    case 'lazy':
      return sample(defOf(def.getter?.()), variant, depth);
    case 'unknown':
      return { any: variant };
    case 'record':
      return { k: `v${variant}` };
    default:
      throw new Error(`no sample for ${def.type}`);
  }
}

/** Every path to a leaf of a sample, to corrupt one at a time. */
function leaves(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, [...path, i]));
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]));
  return [path];
}
function corrupt(value: unknown, path: (string | number)[], replacement: unknown): unknown {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let at = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  const last = path.at(-1);
  // `undefined`: the key goes (a field the server left out).
  if (last !== undefined && replacement === undefined && !Array.isArray(at)) delete at[last];
  else if (last !== undefined) at[last] = replacement;
  return copy;
}

const all = Object.entries(schemas).filter(([, s]) => typeof s === 'object' && s !== null && '_zod' in s) as [string, z.ZodMiniType][];

describe('fast response parsing', () => {
  it('compiles the schemas of big lists (the reason it exists)', () => {
    for (const name of ['AppPageSchema', 'NetworkPageSchema', 'LogPageSchema', 'DeploymentPageSchema', 'ReleasePageSchema']) {
      const schema = all.find(([n]) => n === name)?.[1];
      expect(schema, name).toBeDefined();
      expect(isCompiled(schema as z.ZodMiniType), name).toBe(true);
    }
  });

  it('gives exactly zod’s output (keys, order, stripping) on valid samples of every response schema', () => {
    let compared = 0;
    for (const [name, schema] of all) {
      for (let variant = 0; variant < 6; variant++) {
        const input = sample(defOf(schema), variant);
        const expected = schema.safeParse(input);
        if (!expected.success) continue; // a sample the generator cannot make valid (a pattern): nothing to compare
        const actual = safeParseFast(schema, input);
        expect(actual.success, name).toBe(true);
        expect(JSON.stringify(actual.data), `${name} variant ${variant}`).toBe(JSON.stringify(expected.data));
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThan(all.length * 3);
  });

  it('refuses what zod refuses, with zod’s issues, for every leaf of every sample made invalid', () => {
    for (const [name, schema] of all) for (const variant of [0, 1]) {
      const input = sample(defOf(schema), variant);
      if (!schema.safeParse(input).success) continue;
      for (const path of leaves(input)) {
        for (const bad of [undefined, Symbol('x'), 1.5, -1, '', null, [], {}]) {
          const broken = corrupt(input, path, bad);
          const expected = schema.safeParse(broken);
          const actual = safeParseFast(schema, broken);
          expect(actual.success, `${name} ${path.join('/')}`).toBe(expected.success);
          if (expected.success) expect(JSON.stringify(actual.data)).toBe(JSON.stringify(expected.data));
          else expect(actual.error?.issues).toEqual(expected.error.issues);
        }
      }
    }
  });

  it('hands back the body itself when zod’s output would be an equal copy (documented keys, in order)', () => {
    const schema = all.find(([n]) => n === 'AppPageSchema')?.[1] as z.ZodMiniType;
    const app = (name: string) => ({
      id: `app_${name}`,
      name,
      network: 'staging',
      hostname: `${name}.staging.localhost`,
      url: `http://${name}.staging.localhost:4080`,
      description: null,
      health_check_path: '/',
      status: 'running',
      current_release: 3,
      created_at: '2026-12-03T10:00:00.000Z',
      updated_at: '2026-12-03T10:00:00.000Z',
    });
    const body = { data: [app('web'), app('api')], next_cursor: null };
    const result = safeParseFast(schema, body);
    expect(result.success && result.data).toBe(body);
    const extra = { ...body, data: [{ ...(body.data[0] as object), zz_unknown: 1 }, body.data[1]] };
    const stripped = safeParseFast(schema, extra);
    expect(stripped.success && stripped.data).not.toBe(extra);
    expect(JSON.stringify(stripped.success && stripped.data)).toBe(JSON.stringify(schema.parse(extra)));
  });

  it('leaves schemas with refinements, records or catch-alls to zod', () => {
    expect(isCompiled(z.object({ a: z.string().check(z.minLength(2)) }))).toBe(false);
    expect(isCompiled(z.object({ a: z.record(z.string(), z.string()) }))).toBe(false);
    expect(isCompiled(z.looseObject({ a: z.string() }))).toBe(false);
    expect(isCompiled(z.object({ a: z.string().check(z.describe('documented')) }))).toBe(true);
    // The SDK's response schemas are lazy (built on first use): they compile to their target, nested ones too.
    const lazyItem = z.lazy(() => z.object({ id: z.string() }));
    const lazyPage = z.lazy(() => z.object({ data: z.array(lazyItem) }));
    expect(isCompiled(lazyPage)).toBe(true);
    expect(safeParseFast(lazyPage, { data: [{ id: 'a', extra: 1 }] })).toEqual({ success: true, data: { data: [{ id: 'a' }] } });
    expect(isCompiled(z.lazy(() => z.object({ a: z.record(z.string(), z.string()) })))).toBe(false);
  });

  it('gives the same results where code generation is forbidden (the field-by-field road)', async () => {
    const original = globalThis.Function;
    const { vi } = await import('vitest');
    vi.resetModules();
    let refused = 0;
    globalThis.Function = function forbidden() {
      refused += 1;
      throw new EvalError('Code generation from strings disallowed for this context');
    } as unknown as FunctionConstructor;
    let module: typeof import('./fast-parse.js');
    try {
      module = await import('./fast-parse.js');
      const schema = z.object({ id: z.string(), n: z.nullable(z.int()), tag: z.optional(z.string()) });
      expect(module.isCompiled(schema)).toBe(true);
      expect(module.safeParseFast(schema, { id: 'a', n: null, extra: 1 })).toEqual({ success: true, data: { id: 'a', n: null } });
      expect(module.safeParseFast(schema, { id: 'a', n: 1.5 }).success).toBe(false);
      expect(module.safeParseFast(schema, null).success).toBe(false);
      expect(refused).toBeGreaterThan(0);
    } finally {
      globalThis.Function = original;
    }
    const short = safeParseFast(z.object({ a: z.string().check(z.minLength(2)) }), { a: 'x' });
    expect(short.success).toBe(false);
  });
});
