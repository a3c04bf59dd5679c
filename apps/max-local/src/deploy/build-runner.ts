import type { BuildPlan, BuildStep } from './build-plan.js';
import { BuildFailedError, BuildTimeoutError, CancelledError } from './deploy-errors.js';
import { spawnShell, type OutputLine } from './process-group.js';
import type { PreparedProcessGroup, ProcessGroupTracker } from './process-records.js';

export interface RunBuildOptions {
  /** The assembled tree; commands run here. */
  dir: string;
  plan: Pick<BuildPlan, 'steps'>;
  /** The app's effective environment (vars and secrets), layered over the clean base environment. */
  env?: Record<string, string>;
  /** Every output line, in order per stream; the caller assigns `seq` and stores/broadcasts it. */
  onLogLine: (line: OutputLine) => void;
  /** Called as each step begins, e.g. to log "$ npm ci" as a platform line. */
  onStep?: (step: BuildStep) => void;
  /** Cancels the build: the running step's process group is killed and `CancelledError` thrown. */
  signal?: AbortSignal;
  /** For the whole build (all steps), ms. Default 15 minutes. */
  timeoutMs?: number;
  /** Base `PATH` and `HOME`; default this process's. */
  basePath?: string;
  home?: string;
  /** Records each step's process group while it runs; `label` names the build in the records. */
  processGroups?: { tracker: ProcessGroupTracker; label: string };
}

export interface BuildResult {
  durationMs: number;
  steps: { name: string; command: string; durationMs: number }[];
}

/** Grace between SIGTERM and SIGKILL when a build is cancelled or times out. */
const KILL_GRACE_MS = 3000;

/**
 * The environment a build or an app runs with: nothing of max-local's own environment leaks in (no tokens, no
 * `NODE_OPTIONS`, no test runner variables) except `PATH` and `HOME`, which tools need to be found and to keep
 * their caches. npm's update notifier and funding/audit chatter are turned off: they are noise in build logs.
 */
export function cleanEnv(appEnv: Record<string, string> = {}, base: { path?: string; home?: string } = {}): Record<string, string> {
  return {
    PATH: base.path ?? process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: base.home ?? process.env.HOME ?? '/tmp',
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    ...appEnv,
  };
}

/**
 * Runs a build plan's steps in order as real child processes (`sh -c`, own process group), streaming their
 * output line by line. Throws `BuildFailedError` (with the exit code) on the first failing step,
 * `BuildTimeoutError` past `timeoutMs`, and `CancelledError` when `signal` aborts; in those last two cases the
 * step's whole process group is terminated first.
 */
export async function runBuild(options: RunBuildOptions): Promise<BuildResult> {
  const started = Date.now();
  const deadline = started + (options.timeoutMs ?? 15 * 60_000);
  const env = cleanEnv(options.env, { path: options.basePath, home: options.home });
  const results: BuildResult['steps'] = [];
  for (const step of options.plan.steps) {
    if (options.signal?.aborted) throw new CancelledError('The build was cancelled.');
    options.onStep?.(step);
    const stepStarted = Date.now();
    const group = options.processGroups?.tracker.prepare('build', `${options.processGroups.label}: ${step.name}`);
    await runStep(step, options.dir, env, options.onLogLine, deadline, options.timeoutMs ?? 15 * 60_000, options.signal, group);
    results.push({ name: step.name, command: step.command, durationMs: Date.now() - stepStarted });
  }
  return { durationMs: Date.now() - started, steps: results };
}

async function runStep(
  step: BuildStep,
  cwd: string,
  env: Record<string, string>,
  onLine: (line: OutputLine) => void,
  deadline: number,
  timeoutMs: number,
  signal: AbortSignal | undefined,
  group: PreparedProcessGroup | undefined,
): Promise<void> {
  const proc = spawnShell(step.command, { cwd, env, onLine, group });
  let stoppedBy: 'timeout' | 'cancel' | null = null;
  let killTimer: NodeJS.Timeout | undefined;
  const terminate = (why: 'timeout' | 'cancel'): void => {
    if (stoppedBy) return;
    stoppedBy = why;
    proc.kill('SIGTERM');
    killTimer = setTimeout(() => proc.kill('SIGKILL'), KILL_GRACE_MS);
  };
  const timer = setTimeout(() => terminate('timeout'), Math.max(0, deadline - Date.now()));
  const onAbort = (): void => terminate('cancel');
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const { code, signal: killedBy } = await proc.exited;
    // A build step must not leave processes behind; and its last lines must be in before the verdict.
    await proc.settle();
    if (stoppedBy === 'cancel') throw new CancelledError('The build was cancelled.');
    if (stoppedBy === 'timeout') throw new BuildTimeoutError(step.name, timeoutMs);
    if (code !== 0) throw new BuildFailedError(step.name, step.command, code, killedBy);
  } finally {
    clearTimeout(timer);
    clearTimeout(killTimer);
    signal?.removeEventListener('abort', onAbort);
  }
}
