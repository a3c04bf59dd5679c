/**
 * The exit codes of `rig`, in one registry (ARCHITECTURE.md §5). `docs/cli/exit-codes.md` is generated from
 * this list, and every error is mapped to one of these codes in `map-error.ts` — nowhere else.
 *
 * Codes 10, 11, 12 and 20 are reserved for `rig deploy` and are documented already so scripts can rely on them.
 */
export interface ExitCodeInfo {
  readonly code: number;
  /** Stable slug, also the docs anchor (`exit-codes.md#<slug>`). */
  readonly slug: string;
  readonly title: string;
  readonly meaning: string;
  readonly when: string;
  readonly whatToDo: string;
}

export const ExitCode = {
  Ok: 0,
  Error: 1,
  Usage: 2,
  NotAuthenticated: 3,
  NotFound: 4,
  Conflict: 5,
  RejectedInput: 6,
  Unreachable: 7,
  BuildFailed: 10,
  ReleaseUnhealthy: 11,
  RolledBack: 12,
  TimedOutUnknown: 20,
  RemoteTimedOut: 124,
  Interrupted: 130,
  ClosedStdout: 141,
  RemoteFailed: 255,
} as const;
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

export const exitCodes: readonly ExitCodeInfo[] = [
  {
    code: ExitCode.Ok,
    slug: 'exit-0',
    title: 'OK',
    meaning: 'The command did what was asked.',
    when: 'Always on success, including when there was nothing to change (an empty list is a success).',
    whatToDo: 'Nothing.',
  },
  {
    code: ExitCode.Error,
    slug: 'exit-1',
    title: 'Error',
    meaning: 'Something failed that none of the codes below describes.',
    when: 'The platform answered with a server error (5xx), an unexpected response, a permission error (403: the token scope is too small), rate limiting that outlasted the retries, or rig itself hit a bug.',
    whatToDo: 'Read the message; re-run with `--verbose` to see the (redacted) HTTP trace and, for unexpected errors, a stack trace. Report bugs with that output.',
  },
  {
    code: ExitCode.Usage,
    slug: 'exit-2',
    title: 'Usage error',
    meaning: 'The command line could not be understood, so nothing was sent to the platform.',
    when: 'Unknown command or flag, a missing or extra argument, an invalid flag value, or a prompt was needed but the session is not interactive (for example `rig delete network` without `--yes` in a script).',
    whatToDo: 'Fix the command line. `rig <command> --help` shows arguments, flags and examples; the error names the flag to pass when a confirmation was needed.',
  },
  {
    code: ExitCode.NotAuthenticated,
    slug: 'exit-3',
    title: 'Not authenticated',
    meaning: 'rig has no valid credential for this API URL.',
    when: 'Not logged in, the session was revoked or could not be refreshed, `RIG_TOKEN` is invalid, a device login expired or was denied, or a keyless login (`rig login --oidc`) found no ID token, had it refused (expired, wrong audience, no matching trust policy…) or expired outside the CI job that could renew it.',
    whatToDo: 'Run `rig login` (or `rig login --with-token` in CI with the token on stdin), or fix `RIG_TOKEN`. For `--oidc`, the message says why the ID token was refused; docs/oidc.md lists the reasons. `rig whoami` shows which credential is used.',
  },
  {
    code: ExitCode.NotFound,
    slug: 'exit-4',
    title: 'Not found',
    meaning: 'The network, app or other resource does not exist (or belongs to someone else).',
    when: 'A name or reference on the command line does not match anything you can see.',
    whatToDo: 'Check the spelling; `rig status network` and `rig status app` list what exists.',
  },
  {
    code: ExitCode.Conflict,
    slug: 'exit-5',
    title: 'Conflict',
    meaning: 'The request conflicts with the current state.',
    when: 'The name is taken (network names are unique across the platform, app names within their network), a network still has apps and `--force` was not given, an idempotency key was reused with a different request; `rig config diff` found drift (the platform differs from the document); `rig config apply` is blocked (a listed secret is set nowhere) or the platform changed since the plan; or `rig revert` was asked to undo an event that cannot be reverted.',
    whatToDo: 'Pick another name, pass `--force` where offered, or look at the current state with `rig status`/`rig details`.',
  },
  {
    code: ExitCode.RejectedInput,
    slug: 'exit-6',
    title: 'Rejected input',
    meaning: 'The platform (or the SDK, before sending) rejected a value.',
    when: 'An invalid name (names are RFC 1035 labels: lowercase letters, digits and `-`, starting with a letter, at most 63 characters), an invalid var or secret key, a malformed env file (every bad line is listed; nothing is applied), an empty secret value, a config document that is not valid JSON, or another field that fails validation.',
    whatToDo: 'Fix the value the message names.',
  },
  {
    code: ExitCode.Unreachable,
    slug: 'exit-7',
    title: 'Platform unreachable',
    meaning: 'rig could not talk to the platform at all, or the platform refused more requests for now (rate limited).',
    when: 'Connection refused, DNS failure, or the connection timed out; nothing was changed unless the request had already arrived. Or HTTP 429 `rate_limited` after rig honoured `Retry-After` for its retries of idempotent calls (GET, PUT, DELETE, POST with an idempotency key; never PATCH) — or at once when the platform asks for a longer wait than 20 s; the message says how long to wait.',
    whatToDo: 'Check the API URL (`rig whoami`, `--api-url`, `RIG_API_URL`) and that the platform is running (`max-local` for local work). When rate limited, wait as long as the hint says. Safe to retry.',
  },
  {
    code: ExitCode.BuildFailed,
    slug: 'exit-10',
    title: 'Build failed',
    meaning: '`rig deploy`: the build of the new release failed; the previous release keeps serving.',
    when: 'The build step of a deployment (`npm ci`/`npm install`, the `build` script, or the `rig.json` build command) exited with an error. rig printed the build output, prefixed `[build]`, on stderr.',
    whatToDo: 'Fix the build and deploy again; `rig logs build <deployment-id>` (the id is in the error message) shows the whole build log.',
  },
  {
    code: ExitCode.ReleaseUnhealthy,
    slug: 'exit-11',
    title: 'Release failed health checks',
    meaning:
      '`rig deploy` or `rig rollback app`: the new release never became healthy, so traffic never switched to it; the previous release keeps serving. (`rig deploy --no-rollback`: or the new release crashed right after it went live; it stays in place and is restarted.)',
    when: 'The process exited at start, or the health check path did not answer with a 2xx/3xx status in time; with `--no-rollback`, the process exited during the stabilization window after traffic switched to it.',
    whatToDo: 'Read the app logs (`rig logs app <network>/<app>`), check that the app listens on `$PORT`, and check the health check path (`rig update app --health-check-path`).',
  },
  {
    code: ExitCode.RolledBack,
    slug: 'exit-12',
    title: 'Failed and rolled back',
    meaning: '`rig deploy`: the new release failed after traffic switched to it, and the platform restored the previous release, which is serving again.',
    when: 'A deployment ended in the `rolled_back` state.',
    whatToDo: 'Nothing is down; read the app logs (`rig logs app <network>/<app>`), fix the release and deploy again.',
  },
  {
    code: ExitCode.TimedOutUnknown,
    slug: 'exit-20',
    title: 'Timed out, outcome unknown',
    meaning: 'rig stopped waiting before the platform reported an outcome; the operation carries on and may still succeed or fail.',
    when: '`--timeout` of `rig deploy` or `rig rollback app` passed. The message names the deployment id (or release version) to look up.',
    whatToDo: 'Look the outcome up with `rig status app <network>/<app>` and `rig releases <network>/<app>` (the named deployment or release), or deploy again with a longer `--timeout`.',
  },
  {
    code: ExitCode.RemoteTimedOut,
    slug: 'exit-124',
    title: 'Remote command timed out',
    meaning: '`rig command`: the platform killed the command because its `--timeout` passed (as `timeout(1)` reports it).',
    when: 'A run ended in the `timed_out` state; its whole process group was killed with SIGKILL.',
    whatToDo: 'Give it more time (`--timeout 2h`), or find out why it hangs (`rig command … -- sh -c \'…\'` with more output).',
  },
  {
    code: ExitCode.Interrupted,
    slug: 'exit-130',
    title: 'Interrupted',
    meaning:
      'rig was stopped with Ctrl-C (SIGINT). A command cut short says so (`Error: Interrupted.`). Leaving a `--follow` or `--watch` (`rig logs … --follow`, `rig history --follow`, `rig status dashboard --watch`) is the normal way to end it, not an error: rig prints nothing, in every output mode, and still exits 130 — as `tail -f` does — so scripts and shells can tell it was stopped rather than finished. After Ctrl-C during `rig deploy` rig stops watching, says that the deployment carries on and how to watch it, and exits 130.',
    when: 'You pressed Ctrl-C, or the process received SIGINT. (A closed stdout — `rig … | head` — is not an interruption: rig ends quietly with exit 0, `rig command` with 141.)',
    whatToDo: 'Re-run when ready. A request already sent may have been applied; check with `rig status`.',
  },
  {
    code: ExitCode.ClosedStdout,
    slug: 'exit-141',
    title: 'Stdout closed',
    meaning: '`rig command`: whatever read rig’s stdout went away (`rig command … | head -1`), so rig ended the remote command (SIGTERM) and stopped quietly — 128 + 13, as a process killed by SIGPIPE.',
    when: 'Writing the command’s output failed with EPIPE.',
    whatToDo: 'Nothing, if the reader stopped on purpose.',
  },
  {
    code: ExitCode.RemoteFailed,
    slug: 'exit-255',
    title: 'rig command failed',
    meaning:
      '`rig command` and `rig command attach`: rig itself failed, so the remote command’s exit code is unknown (as ssh exits 255). Otherwise these commands exit with **the remote command’s own exit code**, 128+N when signal N ended it (SIGKILL: 137), 124 when `--timeout` killed it, and 127/126 when the program was not found / not executable — so every other code may come from the remote program.',
    when: 'Not logged in, the app or run does not exist, the platform is unreachable, the token may not run commands (`read` scope), the live-run limit was reached, or the connection failed for good. The message (and, with `-o json`, the error `code` on stderr) says which. Usage errors on the command line are still exit 2.',
    whatToDo: 'Read the message; the codes 3–7 of other commands tell the same causes apart, and the JSON error `code` names it.',
  },
];

/** Where the docs of the CLI live; error messages link into them. */
export const DOCS_BASE_URL = 'https://github.com/max/rig/blob/main/docs/cli/';

export function exitCodeInfo(code: number): ExitCodeInfo | undefined {
  return exitCodes.find((info) => info.code === code);
}

/** The docs link for an exit code, e.g. `…/exit-codes.md#exit-4`. */
export function exitCodeDocsUrl(code: number): string {
  const info = exitCodeInfo(code);
  return `${DOCS_BASE_URL}exit-codes.md${info ? `#${info.slug}` : ''}`;
}

