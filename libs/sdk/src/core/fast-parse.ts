import type { ZodMiniType } from 'zod/mini';

/**
 * A faster road through the response schemas for the common case — a body that is valid.
 *
 * zod/mini validates a list of 5,000 apps in ~30 ms in a cold process (most of a `rig status app` at that
 * size), because every value goes through its generic machinery. The schemas of responses use a small subset of
 * zod (objects, arrays, strings, integers, booleans, nullable/optional, literals, enums and unions of those), so
 * this module compiles such a schema once into plain checks that produce the same output zod would: known keys
 * in schema order, unknown keys stripped. Anything outside that subset (a refinement, a record, a catch-all) makes
 * the whole schema ineligible, and it is parsed by zod alone. When a body fails the fast checks, zod parses it
 * again to say what is wrong — so errors are zod's, word for word.
 */

/** A compiled check: the parsed value, or {@link FAIL}. */
type Fast = (value: unknown) => unknown;
const FAIL: unique symbol = Symbol('fail');

/** Compiled checks by schema; `null`: the schema uses something this module does not compile. */
const compiled = new WeakMap<object, Fast | null>();

/** What this module reads of a zod schema's definition (zod/mini's `_zod.def`). */
interface Def {
  type: string;
  checks?: { _zod: { def: { check: string } } }[];
  format?: string;
  coerce?: boolean;
  shape?: Record<string, Schema>;
  catchall?: unknown;
  innerType?: Schema;
  element?: Schema;
  options?: Schema[];
  entries?: Record<string, unknown>;
  values?: unknown[];
}
interface Schema {
  /** `innerType`: a lazy schema's target, built (once) on first read. */
  _zod: { def: Def; innerType?: Schema };
}

/**
 * `schema.safeParse(value)` with the same result, faster for big valid values: the compiled checks when the
 * schema is in the subset above and the value passes them, otherwise zod's `safeParse` itself. The SDK parses
 * every response with it; the CLI shapes its JSON output with it.
 *
 * @example
 * ```ts
 * import * as z from 'zod/mini';
 * const result = safeParseFast(z.array(z.object({ name: z.string() })), JSON.parse(body));
 * if (result.success) console.log(result.data.length);
 * ```
 */
export function safeParseFast<T>(schema: ZodMiniType<T>, value: unknown): ReturnType<ZodMiniType<T>['safeParse']> {
  const fast = compile(schema as unknown as Schema);
  if (fast !== null) {
    const data = fast(value);
    if (data !== FAIL) return { success: true, data: data as T } as ReturnType<ZodMiniType<T>['safeParse']>;
  }
  return schema.safeParse(value);
}

/** @internal Exposed for tests: whether a schema is compiled (false: zod parses it alone). */
export function isCompiled(schema: ZodMiniType): boolean {
  return compile(schema as unknown as Schema) !== null;
}

function compile(schema: Schema): Fast | null {
  const known = compiled.get(schema);
  if (known !== undefined) return known;
  // Mark first: a recursive schema (none today) would come back here and must not loop.
  compiled.set(schema, null);
  // A lazy schema (the SDK builds its response schemas on first use) compiles to its target's checks.
  const fast = schema._zod.def.type === 'lazy' ? (schema._zod.innerType ? compile(schema._zod.innerType) : null) : build(schema._zod.def);
  compiled.set(schema, fast);
  return fast;
}

function build(def: Def): Fast | null {
  // Descriptions are metadata; any other check (lengths, patterns, refinements) is left to zod.
  if ((def.checks ?? []).some((check) => check._zod.def.check !== 'describe')) return null;
  if (def.coerce === true) return null;
  switch (def.type) {
    case 'string':
      return (v) => (typeof v === 'string' ? v : FAIL);
    case 'boolean':
      return (v) => (typeof v === 'boolean' ? v : FAIL);
    case 'number':
      if (def.format === undefined) return (v) => (typeof v === 'number' && Number.isFinite(v) ? v : FAIL);
      if (def.format === 'safeint') return (v) => (Number.isSafeInteger(v) ? v : FAIL);
      return null;
    case 'literal': {
      const values = def.values ?? [];
      return (v) => (values.includes(v) ? v : FAIL);
    }
    case 'enum': {
      const values = new Set(Object.values(def.entries ?? {}));
      return (v) => (values.has(v) ? v : FAIL);
    }
    case 'nullable': {
      const inner = def.innerType && compile(def.innerType);
      if (!inner) return null;
      return (v) => (v === null ? null : inner(v));
    }
    case 'optional': {
      const inner = def.innerType && compile(def.innerType);
      if (!inner) return null;
      return (v) => (v === undefined ? undefined : inner(v));
    }
    case 'union': {
      const options = (def.options ?? []).map(compile);
      if (options.length === 0 || options.some((o) => o === null)) return null;
      const all = options as Fast[];
      return (v) => {
        for (const option of all) {
          const out = option(v);
          if (out !== FAIL) return out;
        }
        return FAIL;
      };
    }
    case 'array': {
      const element = def.element && compile(def.element);
      if (!element) return null;
      return (v) => {
        if (!Array.isArray(v)) return FAIL;
        // A copy only once an element comes out different (see buildObject): usually none does.
        let out: unknown[] | undefined;
        for (let i = 0; i < v.length; i++) {
          const item = element(v[i]);
          if (item === FAIL) return FAIL;
          if (out !== undefined) out[i] = item;
          else if (item !== v[i]) {
            out = v.slice(0, i);
            out[i] = item;
          }
        }
        return out ?? v;
      };
    }
    case 'object':
      return buildObject(def);
    default:
      return null;
  }
}

/**
 * How an object field is checked: most fields of a response are strings, integers or booleans (or null), and
 * checking those in the object's own loop, without a call per field, is what makes 5,000 apps cheap.
 */
const enum Kind {
  Other,
  String,
  NullableString,
  Int,
  NullableInt,
  Boolean,
}

function kindOf(def: Def): Kind {
  if ((def.checks ?? []).some((check) => check._zod.def.check !== 'describe') || def.coerce === true) return Kind.Other;
  if (def.type === 'string') return Kind.String;
  if (def.type === 'boolean') return Kind.Boolean;
  if (def.type === 'number' && def.format === 'safeint') return Kind.Int;
  // An open enum (ADR 0012: the known values or any other string) accepts exactly the strings.
  if (def.type === 'union' && def.options?.some((option) => kindOf(option._zod.def) === Kind.String) && def.options.every((option) => acceptsOnlyStrings(option._zod.def))) {
    return Kind.String;
  }
  if (def.type === 'nullable' && def.innerType) {
    const inner = kindOf(def.innerType._zod.def);
    if (inner === Kind.String) return Kind.NullableString;
    if (inner === Kind.Int) return Kind.NullableInt;
  }
  return Kind.Other;
}

function buildObject(def: Def): Fast | null {
  // A catch-all (looseObject, strictObject) keeps or refuses unknown keys: zod's business.
  if (def.catchall !== undefined || def.shape === undefined) return null;
  const fields: { key: string; fast: Fast; optional: boolean; kind: Kind }[] = [];
  for (const [key, schema] of Object.entries(def.shape)) {
    const fast = compile(schema);
    if (fast === null) return null;
    fields.push({ key, fast, optional: schema._zod.def.type === 'optional', kind: kindOf(schema._zod.def) });
  }
  const copy = (v: Record<string, unknown>): unknown => {
    const out: Record<string, unknown> = {};
    for (const { key, fast, optional } of fields) {
      const value = v[key];
      // zod leaves an absent optional key absent (never `key: undefined`).
      if (optional && value === undefined) continue;
      const parsed = fast(value);
      if (parsed === FAIL) return FAIL;
      out[key] = parsed;
    }
    return out;
  };
  return generateObjectCheck(fields, copy);
}

/** The check of one field of kind `kind` (not {@link Kind.Other}) on `x`, as JavaScript source. */
const kindTest: Readonly<Record<Exclude<Kind, Kind.Other>, string>> = {
  [Kind.String]: "typeof x !== 'string'",
  [Kind.NullableString]: "x !== null && typeof x !== 'string'",
  [Kind.Int]: '!Number.isSafeInteger(x)',
  [Kind.NullableInt]: 'x !== null && !Number.isSafeInteger(x)',
  [Kind.Boolean]: "typeof x !== 'boolean'",
};

/** Whether everything `def` accepts is a string (a string, an enum or literal of strings). */
function acceptsOnlyStrings(def: Def): boolean {
  if (kindOf(def) === Kind.String) return true;
  if (def.type === 'enum') return Object.values(def.entries ?? {}).every((value) => typeof value === 'string');
  if (def.type === 'literal') return (def.values ?? []).every((value) => typeof value === 'string');
  return false;
}

/**
 * An object's check as one generated function: straight-line code per field reads far fewer bytecodes than a
 * loop over field descriptors, and a CLI runs it cold (interpreted) over thousands of objects once per process.
 * Only the schema's own keys (JSON-quoted) and the fixed texts above go into the source; values never do.
 *
 * The usual body has exactly the documented keys, in the documented order, with valid values: then zod's output
 * would be a copy equal to `v` in every respect, and `v` itself serves (no copy, no garbage). Otherwise `copy`
 * builds zod's output (or finds the value invalid).
 */
function generateObjectCheck(fields: readonly { key: string; fast: Fast; optional: boolean; kind: Kind }[], copy: (v: Record<string, unknown>) => unknown): Fast {
  const lines = ['if (typeof v !== "object" || v === null || Array.isArray(v)) return FAIL;', 'let x, y, present = 0;'];
  fields.forEach(({ key, optional, kind }, i) => {
    lines.push(`x = v[${JSON.stringify(key)}];`);
    if (kind !== Kind.Other) lines.push(`if (${kindTest[kind]}) return FAIL;`, 'present++;');
    else {
      const check = `y = fields[${i}].fast(x); if (y === FAIL) return FAIL; if (y !== x) return copy(v); present++;`;
      lines.push(optional ? `if (x !== undefined) { ${check} }` : check);
    }
  });
  if (fields.every((field) => !field.optional)) {
    // Exactly these keys, in this order.
    lines.push('let at = 0;', 'for (const key in v) { if (at >= fields.length || fields[at].key !== key) return copy(v); at++; }', 'return at === present ? v : copy(v);');
  } else {
    lines.push(
      'let at = 0;',
      'for (const key in v) {',
      '  while (at < fields.length && fields[at].optional && v[fields[at].key] === undefined) at++;',
      '  if (at >= fields.length || fields[at].key !== key) return copy(v);',
      '  at++; present--;',
      '}',
      'return present === 0 ? v : copy(v);',
    );
  }
  let factory: (fail: typeof FAIL, fieldList: typeof fields, copyFn: typeof copy) => Fast;
  try {
    // Generated from the schema's keys only (see above).
    factory = new Function('FAIL', 'fields', 'copy', `return function fastObject(v) {\n${lines.join('\n')}\n};`) as typeof factory;
  } catch {
    // A runtime that forbids code generation (a CSP, an edge runtime): the field-by-field copy, same output.
    return (v) => (typeof v === 'object' && v !== null && !Array.isArray(v) ? copy(v as Record<string, unknown>) : FAIL);
  }
  return factory(FAIL, fields, copy);
}
