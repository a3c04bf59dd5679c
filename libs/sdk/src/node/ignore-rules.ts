import ignore, { type Ignore } from 'ignore';
import type { ExclusionKind } from './types.js';

/** Where a matching rule came from, to tell the user exactly which line excluded a path. */
export interface RuleOrigin {
  kind: Exclude<ExclusionKind, 'secret-like'>;
  /** Ignore file, POSIX path relative to the deploy root (absent for built-ins). */
  file?: string;
  /** 1-based line number in `file`. */
  line?: number;
  /** The pattern as written in the file. */
  pattern: string;
}

/** The verdict of the ignore rules for one path. */
export type RuleVerdict = { excluded: true; origin: RuleOrigin } | { excluded: false };

/**
 * Built-in excludes that a `.gitignore` cannot undo — only a `.rigignore` `!node_modules` can. `.git` is not a
 * rule at all: the walker never uploads it.
 */
const BUILTIN_PATTERNS = ['node_modules'];

/** Glob metacharacters of gitignore patterns; a directory name used as a pattern prefix must escape them. */
const GLOB_META = /[\\*?[\]]/g;

/**
 * Removes trailing spaces that are not escaped with a backslash (git strips them; `\ ` keeps one).
 * Also drops a trailing CR so CRLF ignore files behave like LF ones.
 */
function stripTrailing(line: string): string {
  let end = line.endsWith('\r') ? line.length - 1 : line.length;
  while (end > 0 && line[end - 1] === ' ') {
    let backslashes = 0;
    for (let i = end - 2; i >= 0 && line[i] === '\\'; i--) backslashes++;
    if (backslashes % 2 === 1) break;
    end--;
  }
  return line.slice(0, end);
}

/**
 * Rewrites one ignore-file line so it can be evaluated from the deploy root. A nested ignore file's patterns are
 * relative to its own directory; git's rules for that are: a pattern with a slash at the start or in the middle
 * is anchored to that directory, otherwise it matches at any depth below it. Returns undefined for blank lines and
 * comments.
 */
export function rebasePattern(rawLine: string, baseDir: string): string | undefined {
  const line = stripTrailing(rawLine);
  if (line === '' || line.startsWith('#')) return undefined;
  const negated = line.startsWith('!');
  const body = negated ? line.slice(1) : line;
  if (body === '' || body === '/') return undefined;
  if (baseDir === '') return line;
  const dirOnly = body.endsWith('/');
  const core = dirOnly ? body.slice(0, -1) : body;
  const anchored = core.includes('/');
  const relative = core.startsWith('/') ? core.slice(1) : core;
  const prefix = `/${baseDir.replace(GLOB_META, (c) => `\\${c}`)}/`;
  return `${negated ? '!' : ''}${prefix}${anchored ? '' : '**/'}${relative}${dirOnly ? '/' : ''}`;
}

/**
 * The `.gitignore`/`.rigignore` rules seen so far in a walk, evaluated with git semantics.
 *
 * All patterns are rebased to the deploy root and kept in ONE matcher, ordered `.gitignore` lines (shallow files
 * first), then built-ins, then `.rigignore` lines. The `ignore` package applies "last matching rule wins", which
 * gives exactly git's precedence (a deeper file beats a shallower one) and lets `.rigignore` override both
 * `.gitignore` and built-ins. Keeping one matcher matters: the matcher also applies git's "a path inside an
 * excluded directory stays excluded" rule, and with separate matchers a directory re-included by `.rigignore` would
 * still count as excluded when testing its children.
 */
export class IgnoreRules {
  readonly #gitLines: { pattern: string; mark: string }[] = [];
  readonly #rigLines: { pattern: string; mark: string }[] = [];
  readonly #origins: RuleOrigin[] = [];
  readonly #builtinLines: { pattern: string; mark: string }[];
  #matcher: Ignore | undefined;
  #rigMatcher: Ignore | undefined;

  constructor() {
    this.#builtinLines = BUILTIN_PATTERNS.map((pattern) => ({
      pattern,
      mark: String(this.#origins.push({ kind: 'builtin', pattern }) - 1),
    }));
  }

  /**
   * Adds the lines of an ignore file found at `file` (POSIX, relative to the deploy root).
   * Must be called before any path inside that file's directory is tested.
   */
  addFile(kind: 'gitignore' | 'rigignore', file: string, content: string): void {
    const slash = file.lastIndexOf('/');
    const baseDir = slash === -1 ? '' : file.slice(0, slash);
    const target = kind === 'gitignore' ? this.#gitLines : this.#rigLines;
    content.split('\n').forEach((raw, index) => {
      const pattern = rebasePattern(raw, baseDir);
      if (pattern === undefined) return;
      const origin: RuleOrigin = { kind, file, line: index + 1, pattern: stripTrailing(raw) };
      target.push({ pattern, mark: String(this.#origins.push(origin) - 1) });
    });
    this.#matcher = undefined;
    if (kind === 'rigignore') this.#rigMatcher = undefined;
  }

  /** Tests a path (POSIX, relative to the root); directories are tested with git's directory-only patterns too. */
  test(path: string, isDirectory: boolean): RuleVerdict {
    // Case-sensitive, as git is on Linux (core.ignorecase=false).
    this.#matcher ??= ignore({ ignorecase: false }).add([...this.#gitLines, ...this.#builtinLines, ...this.#rigLines]);
    const result = this.#matcher.test(isDirectory ? `${path}/` : path);
    if (!result.ignored) return { excluded: false };
    const origin = this.#origins[Number(result.rule?.mark)];
    // A rule always carries our mark; the fallback only guards against a future change in `ignore`.
    return { excluded: true, origin: origin ?? { kind: 'gitignore', pattern: result.rule?.pattern ?? '' } };
  }

  /** True when a `.rigignore` `!pattern` names this path itself — the explicit re-include secret-like files need. */
  rigReincludes(path: string): boolean {
    this.#rigMatcher ??= ignore({ ignorecase: false }).add(this.#rigLines);
    return this.#rigMatcher.test(path).unignored;
  }
}
