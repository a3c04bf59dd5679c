import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BuildPlanError } from './deploy-errors.js';

export interface BuildStep {
  /** A short name for logs and failures: `install`, `build`. */
  name: string;
  command: string;
}

export interface BuildPlan {
  /** Which file decided the plan. */
  source: 'rig.json' | 'package.json' | 'Procfile';
  /** Run in order in the build dir; empty when there is nothing to build. */
  steps: BuildStep[];
  /** The command that starts the app (`sh -c`); it must listen on `$PORT`. */
  start: string;
  /** From `rig.json` `health`; null fields mean "use the app's settings / the platform default". */
  health: { path: string | null; timeoutMs: number | null };
}

/**
 * Decides how to build and start the tree in `dir`:
 * 1. `rig.json` `{build?, start, health?: {path?, timeout_seconds?}}` — explicit, wins over everything;
 * 2. `package.json` — `npm ci` when a lockfile exists (reproducible, fails on a stale lock) else
 *    `npm install --no-audit --no-fund` (skipped when it declares no dependencies and no install scripts); then `npm run build` when there is a build script; start with
 *    `npm start` when there is a start script, else `node <main>`;
 * 3. `Procfile` — its `web:` line starts the app; nothing to build.
 * Throws `BuildPlanError` when none of them says how to start, or a file is malformed.
 */
export async function detectBuildPlan(dir: string): Promise<BuildPlan> {
  const rig = await readJson(join(dir, 'rig.json'));
  if (rig !== undefined) return fromRigJson(rig);

  const pkg = await readJson(join(dir, 'package.json'));
  if (pkg !== undefined) {
    const fromProcfile = await procfileWeb(dir);
    return fromPackageJson(pkg, await hasLockfile(dir), fromProcfile);
  }

  const web = await procfileWeb(dir);
  if (web !== null) return { source: 'Procfile', steps: [], start: web, health: { path: null, timeoutMs: null } };

  throw new BuildPlanError('Nothing says how to start this app: add a rig.json with a "start" command, a package.json with a "start" script, or a Procfile with a "web:" line.');
}

function fromRigJson(value: unknown): BuildPlan {
  if (!isRecord(value)) throw new BuildPlanError('rig.json must be a JSON object.');
  const { build, start, health } = value;
  if (typeof start !== 'string' || start.trim() === '') throw new BuildPlanError('rig.json needs a "start" command (a non-empty string).');
  if (build !== undefined && build !== null && typeof build !== 'string') throw new BuildPlanError('rig.json "build" must be a string command.');
  let path: string | null = null;
  let timeoutMs: number | null = null;
  if (health !== undefined && health !== null) {
    if (!isRecord(health)) throw new BuildPlanError('rig.json "health" must be an object.');
    if (health.path !== undefined) {
      if (typeof health.path !== 'string' || !/^\/\S*$/.test(health.path) || health.path.length > 1024) {
        throw new BuildPlanError('rig.json "health.path" must be an absolute URL path such as "/healthz".');
      }
      path = health.path;
    }
    if (health.timeout_seconds !== undefined) {
      const seconds = health.timeout_seconds;
      if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 0 || seconds > 600) {
        throw new BuildPlanError('rig.json "health.timeout_seconds" must be a number of seconds between 0 and 600.');
      }
      timeoutMs = Math.round(seconds * 1000);
    }
  }
  const steps = typeof build === 'string' && build.trim() !== '' ? [{ name: 'build', command: build }] : [];
  return { source: 'rig.json', steps, start, health: { path, timeoutMs } };
}

function fromPackageJson(pkg: unknown, lockfile: boolean, procfileWebLine: string | null): BuildPlan {
  if (!isRecord(pkg)) throw new BuildPlanError('package.json must be a JSON object.');
  const scripts = isRecord(pkg.scripts) ? pkg.scripts : {};
  // Nothing to install and no install-time scripts of its own: `npm install` would only spend ~1 s finding that out.
  const installs = lockfile || DEPENDENCY_FIELDS.some((field) => hasEntries(pkg[field])) || INSTALL_SCRIPTS.some((name) => name in scripts);
  const steps: BuildStep[] = installs
    ? [{ name: 'install', command: lockfile ? 'npm ci --no-audit --no-fund' : 'npm install --no-audit --no-fund' }]
    : [];
  if (typeof scripts.build === 'string' && scripts.build.trim() !== '') steps.push({ name: 'build', command: 'npm run build' });
  let start: string;
  if (typeof scripts.start === 'string' && scripts.start.trim() !== '') start = 'npm start';
  else if (procfileWebLine !== null) start = procfileWebLine;
  else if (typeof pkg.main === 'string' && pkg.main.trim() !== '') start = `node ${shellQuote(pkg.main)}`;
  else throw new BuildPlanError('package.json has neither a "start" script nor a "main" file, and there is no Procfile "web:" line.');
  return { source: 'package.json', steps, start, health: { path: null, timeoutMs: null } };
}

/** package.json fields that make `npm install` fetch something. */
const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies', 'bundleDependencies', 'bundledDependencies'];
/** Root lifecycle scripts `npm install` runs even without dependencies. */
const INSTALL_SCRIPTS = ['preinstall', 'install', 'postinstall', 'prepublish', 'preprepare', 'prepare', 'postprepare'];

/** A non-empty object or array (a dependency field of any shape that lists something). */
function hasEntries(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  return isRecord(value) ? Object.keys(value).length > 0 : value !== undefined && value !== null && value !== false;
}

async function procfileWeb(dir: string): Promise<string | null> {
  const text = await readText(join(dir, 'Procfile'));
  if (text === undefined) return null;
  for (const line of text.split(/\r?\n/)) {
    const match = /^web\s*:\s*(.+)$/.exec(line.trim());
    if (match?.[1]) return match[1].trim();
  }
  return null;
}

async function hasLockfile(dir: string): Promise<boolean> {
  for (const name of ['package-lock.json', 'npm-shrinkwrap.json']) {
    if ((await readText(join(dir, name))) !== undefined) return true;
  }
  return false;
}

async function readJson(path: string): Promise<unknown> {
  const text = await readText(path);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new BuildPlanError(`${path.split('/').pop() ?? path} is not valid JSON: ${(error as Error).message}`);
  }
}

async function readText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw error;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Single-quotes a word for `sh -c`. */
export function shellQuote(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}
