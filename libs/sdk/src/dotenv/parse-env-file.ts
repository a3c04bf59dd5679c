import { isEnvKey } from '@max/api-spec';

/**
 * One `KEY=value` assignment of an env file.
 *
 * @example
 * ```ts
 * const entry: EnvFileEntry = { key: 'DATABASE_URL', value: 'postgres://db/app', line: 3 };
 * ```
 */
export interface EnvFileEntry {
  readonly key: string;
  readonly value: string;
  /** 1-based line where the assignment starts (a multi-line value spans the lines after it). */
  readonly line: number;
}

/** What can be wrong with a line of an env file. */
export type EnvFileProblem = 'invalid_key' | 'missing_equals' | 'unterminated_quote' | 'unexpected_text' | 'duplicate_key';

/**
 * One problem, with its line. The message never contains a value: env files hold secrets.
 *
 * @example
 * ```ts
 * const problem: EnvFileLineError = { line: 4, problem: 'missing_equals', message: 'line 4: expected KEY=value' };
 * ```
 */
export interface EnvFileLineError {
  readonly line: number;
  readonly problem: EnvFileProblem;
  readonly message: string;
}

/**
 * A malformed env file. `errors` lists every bad line (not just the first), in line order, so a user fixes the
 * file in one go; callers must apply nothing from a file that failed to parse.
 *
 * @example
 * ```ts
 * try {
 *   parseEnvFile(text);
 * } catch (error) {
 *   if (error instanceof EnvFileError) for (const e of error.errors) console.error(e.message);
 * }
 * ```
 */
export class EnvFileError extends Error {
  override readonly name = 'EnvFileError';
  /** Stable machine code, like the API's error codes. */
  readonly code = 'invalid_env_file';

  constructor(readonly errors: readonly EnvFileLineError[]) {
    super(`The env file has ${errors.length} error${errors.length === 1 ? '' : 's'}: ${errors.map((e) => e.message).join('; ')}.`);
  }
}

const EXPORT_PREFIX = /^export[ \t]+/;
/** Shown instead of a key that is too long to be a name (it is more likely a pasted value). */
const MAX_KEY_SHOWN = 64;

function showKey(key: string): string {
  return key.length > MAX_KEY_SHOWN ? `${key.slice(0, MAX_KEY_SHOWN)}…` : key;
}

/** The escapes a double-quoted value understands; any other backslash stays as written (Windows paths). */
const ESCAPES: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\', $: '$' };

interface Cursor {
  readonly text: string;
  pos: number;
  line: number;
}

/** What may follow a closing quote on its line: nothing, whitespace, or a comment. */
function restOfLineIsEmpty(rest: string): boolean {
  return /^[ \t]*(?:#.*)?$/.test(rest);
}

/** Reads a quoted value starting at the opening quote; returns undefined when the file ends first. */
function readQuoted(cursor: Cursor, quote: '"' | "'"): string | undefined {
  let value = '';
  let i = cursor.pos + 1;
  const { text } = cursor;
  let lines = 0;
  while (i < text.length) {
    const c = text[i] ?? '';
    if (c === quote) {
      cursor.pos = i + 1;
      cursor.line += lines;
      return value;
    }
    if (c === '\n') lines++;
    if (quote === '"' && c === '\\' && i + 1 < text.length) {
      const next = text[i + 1] ?? '';
      const escaped = ESCAPES[next];
      if (escaped !== undefined) {
        value += escaped;
        i += 2;
        continue;
      }
    }
    value += c;
    i++;
  }
  return undefined;
}

/**
 * Parses dotenv syntax:
 * - `KEY=value` and `export KEY=value`; blank lines and `#` comment lines are skipped;
 * - unquoted values are trimmed, and end at ` #` (a `#` after whitespace starts a comment; `a#b` keeps its `#`);
 * - `'single quotes'` are literal; `"double quotes"` understand `\n \r \t \" \\ \$`; both may span lines;
 * - `KEY=` is an empty value; CRLF line ends and a leading BOM are accepted;
 * - no variable expansion: `$OTHER` stays as written.
 *
 * A key set twice is an error (not last-wins): with secrets, silently taking one of two values hides a mistake.
 * Every bad line is reported, by number, in one {@link EnvFileError}; messages never include values.
 *
 * @example
 * ```ts
 * parseEnvFile('export A=1\nB="two\\nlines" # comment\n');
 * // [{ key: 'A', value: '1', line: 1 }, { key: 'B', value: 'two\nlines', line: 2 }]
 * ```
 */
export function parseEnvFile(input: string): EnvFileEntry[] {
  const text = input.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const cursor: Cursor = { text, pos: 0, line: 1 };
  const entries: EnvFileEntry[] = [];
  const errors: EnvFileLineError[] = [];
  const firstLineOf = new Map<string, number>();
  const fail = (line: number, problem: EnvFileProblem, message: string) => errors.push({ line, problem, message: `line ${line}: ${message}` });

  while (cursor.pos < text.length) {
    const lineNo = cursor.line;
    const end = text.indexOf('\n', cursor.pos);
    const lineEnd = end === -1 ? text.length : end;
    const raw = text.slice(cursor.pos, lineEnd);
    const nextLine = () => {
      cursor.pos = lineEnd + 1;
      cursor.line = lineNo + 1;
    };
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) {
      nextLine();
      continue;
    }
    const body = trimmed.replace(EXPORT_PREFIX, '');
    const eq = body.indexOf('=');
    if (eq === -1) {
      // Never echo the line: without `=` it may well be a pasted value.
      fail(lineNo, 'missing_equals', 'expected KEY=value (no "=" found)');
      nextLine();
      continue;
    }
    const key = body.slice(0, eq).trim();
    const keyOk = isEnvKey(key);
    if (!keyOk) fail(lineNo, 'invalid_key', `invalid key "${showKey(key)}" (keys are A-Z, 0-9 and _, not starting with a digit)`);

    // Offset of the value in the whole text: after the indentation, an `export ` prefix, the key and `=`.
    const bodyOffset = raw.length - raw.trimStart().length + (trimmed.length - body.length);
    const valueStart = cursor.pos + bodyOffset + eq + 1;
    let p = valueStart;
    while (text[p] === ' ' || text[p] === '\t') p++;
    const first = text[p];
    let value: string;
    if (first === '"' || first === "'") {
      cursor.pos = p;
      const quoted = readQuoted(cursor, first);
      if (quoted === undefined) {
        fail(lineNo, 'unterminated_quote', `the ${first === '"' ? 'double' : 'single'} quote opened here is never closed`);
        // Everything to the end of the file was swallowed by the quote; nothing after it can be read reliably.
        break;
      }
      value = quoted;
      const closeLineEnd = text.indexOf('\n', cursor.pos);
      const after = text.slice(cursor.pos, closeLineEnd === -1 ? text.length : closeLineEnd);
      if (!restOfLineIsEmpty(after)) fail(cursor.line, 'unexpected_text', 'unexpected text after the closing quote (quote the whole value, or start a comment with " #")');
      cursor.pos = closeLineEnd === -1 ? text.length : closeLineEnd + 1;
      cursor.line += 1;
    } else {
      // From right after `=`, so `KEY= # note` is an empty value with a comment while `KEY=#x` is the value `#x`.
      const rest = text.slice(valueStart, lineEnd);
      const comment = rest.search(/[ \t]#/);
      value = (comment === -1 ? rest : rest.slice(0, comment)).trim();
      nextLine();
    }
    if (!keyOk) continue;
    const seen = firstLineOf.get(key);
    if (seen !== undefined) {
      fail(lineNo, 'duplicate_key', `${key} is already set on line ${seen}`);
      continue;
    }
    firstLineOf.set(key, lineNo);
    entries.push({ key, value, line: lineNo });
  }

  if (errors.length > 0) throw new EnvFileError(errors.sort((a, b) => a.line - b.line));
  return entries;
}
