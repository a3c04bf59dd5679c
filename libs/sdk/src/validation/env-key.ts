import { ENV_KEY_MAX_LENGTH, ENV_KEY_PATTERN_SOURCE, isEnvKey } from '@max/api-spec';
import { MaxValidationError } from '../errors/error-classes.js';
import type { FieldError } from '../types.js';

/** What the keys are of: used in messages ("Invalid secret key …"). */
export type EnvKeyKind = 'var' | 'secret';

/**
 * The reason a key breaks the rule, worded like the server's schema validation (the first failing JSON Schema
 * keyword: length before pattern), or undefined when the key is valid.
 */
function describeEnvKeyProblem(key: string): string | undefined {
  if (isEnvKey(key)) return undefined;
  if (key.length < 1) return 'must NOT have fewer than 1 characters';
  if (key.length > ENV_KEY_MAX_LENGTH) return `must NOT have more than ${ENV_KEY_MAX_LENGTH} characters`;
  return `must match pattern "${ENV_KEY_PATTERN_SOURCE}"`;
}

/** A key for a message: quoted, and shortened so a 10 kB mistake does not become a 10 kB message. */
function quoteKey(key: string): string {
  return JSON.stringify(key.length > 40 ? `${key.slice(0, 40)}…` : key);
}

function invalidKeys(kind: EnvKeyKind, problems: { key: string; problem: string }[], fields: FieldError[]): MaxValidationError {
  const listed = problems.map(({ key, problem }) => `${quoteKey(key)} ${problem}`).join('; ');
  const hint = 'keys are environment variable names: A-Z, 0-9 and _, not starting with a digit';
  return new MaxValidationError({
    code: 'validation_failed',
    message: `Invalid ${kind} ${problems.length === 1 ? 'key' : 'keys'}: ${listed} (${hint})`,
    details: { fields },
  });
}

/**
 * Rejects invalid keys of a key → value map (the body of a bulk set) before any request. The message names
 * every bad key; `details.fields` is what the server answers for the same body: JSON Pointer cannot address a
 * property *name*, so it reports the map itself (`/vars`, `/secrets`) once, with the first key's problem.
 *
 * @param pointer JSON Pointer of the map in the body, e.g. `/vars`.
 * @internal
 */
export function assertEnvMapKeys(keys: readonly string[], pointer: string, kind: EnvKeyKind): void {
  const problems = collectProblems(keys);
  const first = problems[0];
  if (first === undefined) return;
  throw invalidKeys(kind, problems, [{ path: pointer, message: first.problem }]);
}

/**
 * Rejects invalid keys of a key list (the body of a bulk unset) before any request; `details.fields` has one
 * entry per bad item (`/keys/0`, …), as the server reports them.
 *
 * @internal
 */
export function assertEnvKeyList(keys: readonly string[], pointer: string, kind: EnvKeyKind): void {
  const fields: FieldError[] = [];
  keys.forEach((key, index) => {
    const problem = describeEnvKeyProblem(key);
    if (problem !== undefined) fields.push({ path: `${pointer}/${index}`, message: problem });
  });
  if (fields.length === 0) return;
  throw invalidKeys(kind, collectProblems(keys), fields);
}

/**
 * Rejects an invalid key given as a path parameter (`/path/key`) before any request.
 *
 * @internal
 */
export function assertEnvKey(key: string, pointer: string, kind: EnvKeyKind): void {
  const problem = describeEnvKeyProblem(key);
  if (problem === undefined) return;
  throw invalidKeys(kind, [{ key, problem }], [{ path: pointer, message: problem }]);
}

function collectProblems(keys: readonly string[]): { key: string; problem: string }[] {
  const problems: { key: string; problem: string }[] = [];
  for (const key of keys) {
    const problem = describeEnvKeyProblem(key);
    if (problem !== undefined) problems.push({ key, problem });
  }
  return problems;
}
