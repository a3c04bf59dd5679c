import type { CommandDef, OptionDef } from './command-def.js';

/**
 * Every rig command, declared once (changesets' `cli.ts` pattern): the parser, `--help`, did-you-mean and the
 * generated docs (`docs/cli/`) all read this list. Implementations are imported lazily by `load`, so
 * `rig --version` and `rig --help` never load the SDK.
 */

const networkFlag: OptionDef = {
  name: 'network',
  short: 'n',
  value: 'network',
  description: 'The network of the app (instead of writing `<network>/<app>`).',
};
const descriptionFlag = (what: string): OptionDef => ({ name: 'description', value: 'text', description: `A description of the ${what}.` });
const healthCheckFlag: OptionDef = {
  name: 'health-check-path',
  value: 'path',
  description: 'HTTP path the platform polls to decide the app is healthy (default `/`).',
};
const filterFlag = (what: string): OptionDef => ({ name: 'filter', value: 'text', description: `Only ${what} whose name contains this text.` });
const sortFlag: OptionDef = {
  name: 'sort',
  value: 'order',
  choices: ['name', '-name', 'created', '-created'],
  description: 'Sort by `name` or `created` time; a leading `-` reverses (default `name`).',
};
const scopeNetworkFlag: OptionDef = {
  name: 'network',
  short: 'n',
  value: 'network',
  description: 'The network (its own vars and secrets, or those of `--app` in it).',
};
const scopeAppFlag: OptionDef = {
  name: 'app',
  value: 'app',
  description: 'An app of the network, as `<app>` with `--network` or as `<network>/<app>`. Without it, the network itself.',
};
const envFileFlag = (what: string): OptionDef => ({
  name: 'from-env-file',
  value: 'file',
  description: `Read ${what} from a dotenv file (\`KEY=value\`, \`export\`, quotes, escapes, multi-line values, comments). A malformed file is reported with every bad line and nothing is applied (exit 6).`,
});
const secretsEnvFileFlag: OptionDef = {
  name: 'secrets-from-env-file',
  value: 'file',
  description: 'Values for the secrets the document lists, from a dotenv file; sent write-only with the plan and the apply (checked against the document’s digests), never printed.',
};
const pruneFlag: OptionDef = { name: 'prune', description: 'Also delete apps of the document’s networks that the document does not list.' };
const ENV_FILE_SYNTAX =
  'Env files: one `KEY=value` per line, optionally prefixed with `export`; `#` starts a comment (a full line, or after an unquoted value and a space); single quotes are literal; double quotes understand `\\n \\t \\" \\\\ \\$` and may span lines; unquoted values are trimmed; no variable expansion. A key set twice is an error.';
const logFilterFlags: readonly OptionDef[] = [
  {
    name: 'follow',
    short: 'f',
    description: 'After the history, keep streaming new lines until Ctrl-C: no time limit, reconnecting by itself, with no line lost or repeated across the switch or a reconnect. Works with every filter except `--until`.',
  },
  { name: 'since', value: 'time', description: 'Only lines at or after this time: ISO 8601 (`2026-01-31T12:00:00Z`) or relative (`30m`, `2h`, `7d`).' },
  { name: 'until', value: 'time', description: 'Only lines before this time (ISO 8601 or relative); not with `--follow`.' },
  {
    name: 'tail',
    value: 'count',
    description: 'Only the newest N lines of the history (0–1000; after `--grep`). Default: 100, or every line in the range when `--since` or `--until` is given. `--tail 0 -f`: only new lines.',
  },
  { name: 'stream', value: 'stream', choices: ['stdout', 'stderr'], description: 'Only lines the process wrote to this stream.' },
  { name: 'grep', value: 'text', description: 'Only lines containing this text (case-sensitive), in the history and live.' },
];
const LOGS_DESCRIPTION = (what: string, format: string) =>
  `The output of ${what}. Lines print as \`${format}\`; stderr lines are marked \`:stderr\` (and red on a terminal). History first (oldest first), then with \`--follow\` the live lines, picked up exactly where the history ended (by \`seq\`). Lines the platform no longer holds are reported on stderr (\`-- N log lines were lost (retention) --\`), never skipped in silence. Exit 0 at the end of the history; with \`--follow\`, 130 on Ctrl-C.`;
const LOGS_JSON =
  'An array of records, oldest first (`-o json` cannot be combined with `--follow`): log lines `{seq, ts, stream: "stdout"|"stderr", source: "app"|"build"|"platform", line}`, and `{type: "gap", from_seq, to_seq, reason}` where lines were lost. `-o jsonl`: one record per line as it arrives, also with `--follow`.';
const appRefArg = (required: boolean) => ({
  name: 'app',
  required,
  description: 'The app, as `<network>/<app>`, or `<app>` with `--network`.',
});

const DETACH_HELP = 'Detach with Enter, then `~`, then `.` (as in ssh; `~~` sends one `~`): the session keeps running and rig prints the command that attaches again.';
const SHELL_DESCRIPTION = (where: string) =>
  `Starts a login shell (the platform’s \`$SHELL\`, else bash, else sh) in a pseudo-terminal in ${where}, then attaches your terminal to it in raw mode: everything you type goes to the remote shell (Ctrl-C too), the window size follows yours. The session lives on the platform, not in rig: when the connection drops, rig says \`reconnecting…\` on stderr and picks up exactly where it was, without losing or repeating output; if rig itself dies, \`rig shell attach <id>\` gets you back into the same shell with its scrollback. ${DETACH_HELP} The session ends when its shell exits (rig then exits with the shell’s exit status), with \`rig shell kill\`, or after \`--detach-timeout\` with nobody attached. Needs a terminal: when stdin is not one, rig refuses (exit 2) — use \`rig command\` for scripts.`;
const SHELL_JSON =
  'The session itself is the same in every output mode (it is your terminal). When it ends, `-o json` prints one document on stdout: `{id, state: "exited"|"detached", exit_code, signal}` (`exit_code`: the shell’s, or 128+N for a signal; null when detached).';
const shellFlags: readonly OptionDef[] = [
  {
    name: 'detach-timeout',
    value: 'duration',
    description: 'End the session after this long with no terminal attached (`30m`, `2h`; default: the platform’s, 5 minutes on max-local).',
  },
];
const commandFlags: readonly OptionDef[] = [
  { name: 'timeout', value: 'duration', description: 'Kill the command (its whole process group) after this long (`90s`, `10m`; default 1 h); rig then exits 124.' },
  { name: 'detach', description: 'Start the command and return at once, printing its run id (attach later with `rig command attach <id>`); nothing is relayed.' },
];
const COMMAND_DESCRIPTION =
  'Starts the program in the app’s current release directory with the app’s effective environment (as a deployed process sees it), without a terminal and without a shell. Its stdout goes to rig’s stdout and its stderr to rig’s stderr, byte for byte and never mixed; rig’s stdin is streamed to it, with backpressure, and closed when rig’s stdin ends. **rig exits with the command’s exit code** (128+N when signal N ended it; 124 when `--timeout` killed it; 127 with the shell’s message on stderr when the program does not exist, 126 when it is not executable), and with **255 when rig itself failed** (not logged in, app not found, platform unreachable, the connection could not be restored), as ssh does — usage errors are still 2. Ctrl-C sends SIGINT to the remote command and rig keeps relaying its output; a second Ctrl-C detaches (the command keeps running; rig prints how to attach, exit 130). Dropped connections are resumed without losing or repeating output. A closed stdout (`rig command … | head -1`) ends the remote command (SIGTERM) and rig exits quietly with 141, as a process killed by SIGPIPE would. With `-o json`, stdout holds only the JSON document, so the command’s stdout and stderr are both relayed to rig’s stderr, in the order they were written. `rig command attach <run-id>` attaches to a run again (one started with `--detach`, or one you detached from): the output the platform still buffers is replayed from the start, then followed live; stdin is relayed; rig exits with the command’s code as above.';
const COMMAND_JSON =
  '`{id, network, app, command, state: "exited"|"failed"|"timed_out"|"cancelled"|"detached"|"running", exit_code, signal, error, stdout_bytes, stderr_bytes, lost_bytes}` — `exit_code` is rig’s own exit code for the run (the command’s, or 128+N for a signal, 124 for a timeout); `stdout_bytes`/`stderr_bytes` count what was relayed (to stderr in this mode), `lost_bytes` what the platform no longer buffered. With `--detach`: `state: "running"` and `exit_code: null`.';

export const commands: readonly CommandDef[] = [
  {
    name: 'login',
    summary: 'Log in to Max (device authorization in the browser, a token on stdin, or keyless from CI with OIDC).',
    description:
      'Without flags, rig starts a device login: it prints a URL and a one-time code on stderr, you approve in a browser, and rig stores the session (OS keychain, or the credentials file where no keychain works). With `--with-token`, rig reads an API token from stdin — never from the command line, where it would leak into shell history and process lists. With `--oidc` (CI, no stored secret): rig takes the job’s OIDC ID token — from `RIG_OIDC_TOKEN` (or the variable `--oidc-token-env` names), else on GitHub Actions from the runner’s ID-token endpoint (needs `permissions: id-token: write`) — and exchanges it for a short-lived access token bound to the network and scope of the platform’s matching trust policy (docs/oidc.md). There is no refresh token: when the access token expires, the next `rig` in the same job exchanges a fresh ID token by itself; outside the job it is simply expired. A refused ID token exits 3 with the platform’s reason (expired, wrong audience, no matching trust policy…).',
    args: [],
    options: [
      { name: 'with-token', description: 'Read an API token from stdin instead of the device login.' },
      { name: 'oidc', description: 'Keyless CI login: exchange the job’s OIDC ID token for a short-lived, network-bound token.' },
      { name: 'oidc-token-env', value: 'name', description: 'With --oidc: the env var that holds the ID token (default RIG_OIDC_TOKEN; else GitHub Actions’ endpoint).' },
      { name: 'oidc-audience', value: 'aud', description: 'With --oidc on GitHub Actions: the audience to request (default max).' },
    ],
    examples: [
      { command: 'login', description: 'Log in through the browser' },
      { command: 'login --api-url https://max.example.com', description: 'Log in to another Max' },
      { command: 'login --with-token < token.txt', description: 'Log in with an API token (CI)' },
      { command: 'login --oidc --api-url https://max.example.com', description: 'Keyless login in a GitHub Actions job with id-token: write' },
      { command: 'login --oidc --oidc-token-env MAX_ID_TOKEN', description: 'Keyless login with an ID token your CI put in MAX_ID_TOKEN (GitLab id_tokens, CircleCI…)' },
    ],
    jsonOutput:
      '`{api_url, user: {id, email, name}, scope, credential_store: "keychain"|"file", fallback_reason?}`; with `--oidc` also `network`, `trust_policy_id`, `expires_in` and `oidc_source: "env:<NAME>"|"github-actions"`.',
    load: () => import('./login.js'),
  },
  {
    name: 'logout',
    summary: 'Log out: revoke the session on the platform and delete it locally.',
    args: [],
    options: [],
    examples: [{ command: 'logout', description: 'Forget the login for the current API URL' }],
    jsonOutput: '`{api_url, was_logged_in, revoked, removed_from: ["keychain"|"file"], reason?}`.',
    load: () => import('./logout.js'),
  },
  {
    name: 'whoami',
    summary: 'Show the logged-in user, the API URL and where the credential lives.',
    args: [],
    options: [],
    examples: [
      { command: 'whoami', description: 'Who am I, and where is my token stored?' },
      { command: 'whoami --json', description: 'The same as JSON' },
    ],
    jsonOutput:
      '`{user: {id, email, name, created_at}, auth: {type, scope, expires_at, network?, oidc?: {trust_policy_id, issuer, subject}}, api_url, api_url_source, credential: {source: "env"|"keychain"|"file", location, fallback_reason?, login?: "session"|"api_token"|"oidc"}}` — `auth.network` is set for a network-bound (OIDC) token.',
    load: () => import('./whoami.js'),
  },
  {
    name: 'create network',
    summary: 'Create a network.',
    description: 'Network names are RFC 1035 labels (lowercase letters, digits and `-`, starting with a letter, at most 63 characters) and unique across the platform.',
    args: [{ name: 'name', required: true, description: 'The name of the new network.' }],
    options: [descriptionFlag('network')],
    examples: [
      { command: 'create network prod', description: 'Create the network `prod`' },
      { command: 'create network staging --description "pre-production"', description: 'With a description' },
    ],
    jsonOutput: 'The new Network object (`{id, name, description, app_count, created_at, updated_at}`).',
    load: () => import('./network-create.js'),
  },
  {
    name: 'create app',
    summary: 'Create an app in a network.',
    description: 'App names are RFC 1035 labels, unique within their network. The app gets the hostname `<app>.<network>.<domain>`.',
    args: [{ name: 'app', required: true, description: 'The new app, as `<network>/<app>`, or `<app>` with `--network`.' }],
    options: [networkFlag, descriptionFlag('app'), healthCheckFlag],
    examples: [
      { command: 'create app prod/web', description: 'Create the app `web` in the network `prod`' },
      { command: 'create app api --network prod --health-check-path /healthz', description: 'With a health check path' },
    ],
    jsonOutput: 'The new App object (`{id, name, network, hostname, url, description, health_check_path, status, current_release, created_at, updated_at}`). In table mode stdout holds the app URL.',
    load: () => import('./app-create.js'),
  },
  {
    name: 'status network',
    summary: 'List networks, or show one.',
    args: [{ name: 'name', required: false, description: 'A network; without it, all your networks are listed.' }],
    options: [filterFlag('networks'), sortFlag],
    examples: [
      { command: 'status network', description: 'List your networks' },
      { command: 'status network --filter prod --sort -created', description: 'Networks named like "prod", newest first' },
      { command: 'status network prod', description: 'One network' },
      { command: 'status network -o jsonl', description: 'One JSON object per network' },
    ],
    jsonOutput: 'With a name, the Network object; without, an array of Network objects (`-o jsonl`: one per line).',
    load: () => import('./network-status.js'),
  },
  {
    name: 'status app',
    summary: 'List apps, or show one.',
    description: 'Without a reference, lists the apps of `--network`, or of all your networks.',
    args: [appRefArg(false)],
    options: [{ ...networkFlag, description: 'Only apps of this network (or the network of `<app>`).' }, filterFlag('apps'), sortFlag],
    examples: [
      { command: 'status app', description: 'Apps of all your networks' },
      { command: 'status app --network prod', description: 'Apps of one network' },
      { command: 'status app prod/web', description: 'One app' },
    ],
    jsonOutput: 'With a reference, the App object; without, an array of App objects (`-o jsonl`: one per line).',
    load: () => import('./app-status.js'),
  },
  {
    name: 'details network',
    summary: 'Show every field of a network.',
    args: [{ name: 'name', required: true, description: 'The network.' }],
    options: [],
    examples: [
      { command: 'details network prod', description: 'All fields of the network `prod`' },
      { command: 'details network prod --json', description: 'The network as JSON' },
    ],
    jsonOutput: 'The Network object.',
    load: () => import('./network-details.js'),
  },
  {
    name: 'details app',
    summary: 'Show every field of an app and its effective environment.',
    description:
      'The environment is what the app’s process sees: network vars, overridden by app vars, overridden by secrets, overridden by platform vars (`PORT`, `MAX_APP`, …). Each key shows where its value comes from and what it overrides; secrets show only their digest.',
    args: [appRefArg(true)],
    options: [networkFlag],
    examples: [
      { command: 'details app prod/web', description: 'All fields of the app `web` in `prod`' },
      { command: 'details app web --network prod --json', description: 'The app as JSON' },
    ],
    jsonOutput:
      'The App object plus `env`: `[{key, source: "network"|"app"|"secret"|"platform", value (null for secrets), digest (secrets only), overridden: [source]}]`, sorted by key.',
    load: () => import('./app-details.js'),
  },
  {
    name: 'update app',
    summary: "Change an app's description or health check path.",
    args: [appRefArg(true)],
    options: [networkFlag, descriptionFlag('app'), healthCheckFlag],
    examples: [
      { command: 'update app prod/web --health-check-path /healthz', description: 'Change the health check path' },
      { command: 'update app prod/web --description "public site"', description: 'Change the description' },
    ],
    jsonOutput: 'The updated App object.',
    load: () => import('./app-update.js'),
  },
  {
    name: 'delete network',
    summary: 'Delete a network (with `--force`, also its apps).',
    description:
      'On a terminal, rig asks you to type the network name to confirm. Without a terminal, pass `--yes`. A network that still has apps is only deleted with `--force`.',
    args: [{ name: 'name', required: true, description: 'The network to delete.' }],
    options: [{ name: 'force', description: 'Also delete the apps of the network.' }],
    examples: [
      { command: 'delete network staging', description: 'Delete an empty network (asks to confirm)' },
      { command: 'delete network staging --force --yes', description: 'Delete it with its apps, without asking' },
    ],
    jsonOutput: '`{name, deleted: true}`.',
    load: () => import('./network-delete.js'),
  },
  {
    name: 'delete app',
    summary: 'Delete an app.',
    description: 'On a terminal, rig asks you to type the app name to confirm. Without a terminal, pass `--yes`.',
    args: [appRefArg(true)],
    options: [networkFlag],
    examples: [
      { command: 'delete app prod/web', description: 'Delete the app `web` (asks to confirm)' },
      { command: 'delete app web --network prod --yes', description: 'Without asking' },
    ],
    jsonOutput: '`{network, name, deleted: true}`.',
    load: () => import('./app-delete.js'),
  },
  {
    name: 'create var',
    summary: 'Set vars of a network or an app, several at once, atomically.',
    description: `All given vars are set in one change (one event, one new release per deployed app), or none are. App vars override network vars of the same key. ${ENV_FILE_SYNTAX}`,
    args: [{ name: 'assignment', required: false, variadic: true, description: '`KEY=VALUE` pairs (the value may be empty or contain `=`).' }],
    options: [scopeNetworkFlag, scopeAppFlag, envFileFlag('the vars')],
    examples: [
      { command: 'create var LOG_LEVEL=debug REGION=eu --network prod', description: 'Two network vars, inherited by every app of prod' },
      { command: 'create var PORT_HINT=8080 --app prod/web', description: 'An app var (overrides a network var of the same key)' },
      { command: 'create var --from-env-file .env --app web --network prod', description: 'Every var of a dotenv file, at once' },
    ],
    jsonOutput: '`{network, app: string|null, vars: [Var], releases: [{network, app, version}]}`.',
    load: () => import('./var-create.js'),
  },
  {
    name: 'delete var',
    summary: 'Remove vars of a network or an app, atomically.',
    description: 'Keys that are not set are ignored, so a retry is harmless; `unset` in the output lists the keys that existed.',
    args: [{ name: 'key', required: true, variadic: true, description: 'The keys to remove.' }],
    options: [scopeNetworkFlag, scopeAppFlag],
    examples: [
      { command: 'delete var LOG_LEVEL REGION --network prod', description: 'Remove two network vars' },
      { command: 'delete var PORT_HINT --app prod/web', description: 'Remove an app var' },
    ],
    jsonOutput: '`{network, app: string|null, unset: [key], releases: [{network, app, version}]}`.',
    load: () => import('./var-delete.js'),
  },
  {
    name: 'status var',
    summary: 'List the vars of a network or an app (with values).',
    description: 'Only the vars set at that scope; `rig details app` shows the effective environment with inheritance.',
    args: [],
    options: [scopeNetworkFlag, scopeAppFlag],
    examples: [
      { command: 'status var --network prod', description: 'The network’s own vars' },
      { command: 'status var --app prod/web -o jsonl', description: 'An app’s vars, one JSON object per line' },
    ],
    jsonOutput: 'An array of Var objects (`{key, value, created_at, updated_at}`); `-o jsonl`: one per line.',
    load: () => import('./var-status.js'),
  },
  {
    name: 'create secret',
    summary: 'Set a secret (the value from stdin, a hidden prompt or a file; never from the command line).',
    description: `The value is read from stdin when it is not a terminal (a trailing newline is dropped), from a prompt that does not echo on a terminal, or from \`--from-file\` (used as-is). A value on the command line is refused: it would leak into shell history and process lists. Afterwards rig shows only the key and a digest of the value (\`sha256:…\`). With \`--from-env-file\`, every secret of a dotenv file is set at once, atomically. ${ENV_FILE_SYNTAX}`,
    args: [{ name: 'key', required: false, description: 'The secret’s key (not with `--from-env-file`).' }],
    options: [
      scopeNetworkFlag,
      scopeAppFlag,
      { name: 'from-file', value: 'file', description: 'Read the value from this file, byte for byte (certificates, keys).' },
      envFileFlag('the secrets'),
    ],
    examples: [
      { command: 'create secret DATABASE_URL --network prod < db-url.txt', description: 'A network secret, the value on stdin' },
      { command: 'create secret TLS_KEY --from-file key.pem --app prod/web', description: 'An app secret from a file' },
      { command: 'create secret API_KEY --app web -n prod', description: 'Typed at a hidden prompt (on a terminal)' },
      { command: 'create secret --from-env-file secrets.env --network prod', description: 'Many secrets at once, atomically' },
    ],
    jsonOutput: '`{network, app: string|null, secrets: [{key, digest, created_at, updated_at}], releases: [{network, app, version}]}` — never a value.',
    secretArgvHint: 'Pass only the key, and the value on stdin (`rig create secret KEY --network N < value.txt`), at the prompt, or with --from-file.',
    load: () => import('./secret-create.js'),
  },
  {
    name: 'delete secret',
    summary: 'Remove secrets of a network or an app, atomically.',
    args: [{ name: 'key', required: true, variadic: true, description: 'The keys to remove.' }],
    options: [scopeNetworkFlag, scopeAppFlag],
    examples: [{ command: 'delete secret OLD_TOKEN LEGACY_KEY --network prod', description: 'Remove two network secrets' }],
    jsonOutput: '`{network, app: string|null, unset: [key], releases: [{network, app, version}]}`.',
    load: () => import('./secret-delete.js'),
  },
  {
    name: 'status secret',
    summary: 'List the secrets of a network or an app: key, digest and times, never values.',
    args: [],
    options: [scopeNetworkFlag, scopeAppFlag],
    examples: [
      { command: 'status secret --network prod', description: 'The network’s secrets' },
      { command: 'status secret --app prod/web --json', description: 'An app’s secrets as JSON' },
    ],
    jsonOutput: 'An array of Secret objects (`{key, digest, created_at, updated_at}`); `-o jsonl`: one per line.',
    load: () => import('./secret-status.js'),
  },
  {
    name: 'status dashboard',
    summary: 'Everything at a glance: networks, apps with state and release, recent events and counts (one request).',
    args: [],
    options: [
      { name: 'events', value: 'count', description: 'How many recent events to show (0–100, default 10).' },
      {
        name: 'watch',
        short: 'w',
        description: 'Keep it up to date: on a terminal the view is redrawn on every change; piped, a new document (or `-o json`/`-o jsonl`: a JSON line) is printed per change. Ctrl-C ends it.',
      },
    ],
    examples: [
      { command: 'status dashboard', description: 'The overview' },
      { command: 'status dashboard --json --events 50', description: 'As JSON, with the last 50 events' },
      { command: 'status dashboard --watch', description: 'Live: redrawn whenever something changes' },
    ],
    jsonOutput:
      'The Dashboard object: `{networks: [Network], apps: [App + latest_deployment], recent_events: [Event], counts: {networks, apps, apps_by_status, deployments_in_progress}, truncated, generated_at}`. With `--watch`, one such object per line, a new one after every change.',
    load: () => import('./dashboard-status.js'),
  },
  {
    name: 'deploy',
    summary: 'Deploy a directory to an app: upload what changed, build, release, and wait until it is healthy.',
    description:
      'rig walks the directory (honouring `.gitignore` files, `.rigignore` with `!` re-includes, and always leaving out `.git` and `node_modules`), sends the platform a manifest of file digests, and uploads only the files it lacks, as compressed chunks, with a progress bar on a terminal. Files that look like secrets (`.env*`, private keys, cloud credential files) are never uploaded unless a `.rigignore` `!` line re-includes them, and rig names every one it left out. Then rig streams the build output and waits for the new release to pass its health check and to stay up through the stabilization window of the platform (10 s on max-local) after traffic switched to it: if it crashes in that window, the platform switches back to the previous release, which kept running (exit 12), unless `--no-rollback` is given (the crashed release stays and is restarted; exit 11). The URL goes to stdout. Exit codes tell scripts what happened: 0 live, 10 build failed, 11 health check failed (the previous release keeps serving) or, with `--no-rollback`, crashed after going live, 12 failed and rolled back, 20 stopped waiting (the deployment id is in the message), 130 interrupted. `--dry-run` shows what would be uploaded and what was left out, and uploads nothing.',
    args: [{ name: 'dir', required: false, description: 'The directory to deploy (default: the current directory).' }],
    options: [
      { name: 'app', value: 'app', description: 'The app, as `<network>/<app>`, or `<app>` with `--network`.' },
      networkFlag,
      { name: 'create', description: 'Create the app first when it does not exist (rig says so).' },
      { name: 'message', short: 'm', value: 'text', description: 'Why this deployment, for people (for example a commit subject).' },
      { name: 'no-wait', description: 'Return once the upload is done and the build is queued; the URL and outcome are not awaited.' },
      { name: 'dry-run', description: 'Only show what would be uploaded (file count, size, largest files) and what was left out and why.' },
      { name: 'timeout', value: 'duration', description: 'Stop waiting after this long (`90s`, `10m`; default `15m`) and exit 20; the deployment carries on.' },
      {
        name: 'no-rollback',
        description:
          'Keep the new release even if it crashes right after it went live (it is restarted with backoff, exit 11) instead of switching back to the previous release (exit 12).',
      },
    ],
    examples: [
      { command: 'deploy --app prod/web', description: 'Deploy the current directory' },
      { command: 'deploy ./site --app web --network prod --create -m "first deploy"', description: 'Create the app if needed, with a message' },
      { command: 'deploy --app prod/web --dry-run', description: 'What would be uploaded, and what is left out (secret-like files named)' },
      { command: 'deploy --app prod/web -o jsonl', description: 'Every deploy event as one JSON object per line (CI)' },
      { command: 'deploy --app prod/web --timeout 5m --json', description: 'One JSON document with the outcome; exit 20 after 5 minutes' },
      { command: 'deploy --app prod/web --no-rollback', description: 'Keep the new release even if it crashes after going live' },
    ],
    jsonOutput:
      '`-o json`: one document `{outcome: "live"|"submitted"|"build_failed"|"health_check_failed"|"rolled_back"|"timed_out"|"failed"|"cancelled", network, app, app_created, deployment_id, state, release, url, bundle: {files, bytes, digest, secret_like}, uploaded: {blobs, bytes}, failure, duration_ms}`, also when the deploy failed (with its exit code); with `--dry-run`, the bundle summary `{dry_run: true, network, app, directory, files, symlinks, total_bytes, unique_blobs, digest, largest, excluded_count, excluded, secret_like, warnings}`. `-o jsonl`: every deploy event as it happens, `{type: "bundled"|"app_created"|"deployment_created"|"upload_progress"|"upload_retry"|"uploaded"|"status"|"build_log"|"build_log_gap"|"release_created"|"healthy"|"failed"|"rolled_back"|"cancelled"|"timeout", …}`.',
    load: () => import('./deploy.js'),
  },
  {
    name: 'releases',
    summary: 'List the releases of an app, newest first (code + config snapshots).',
    description: 'A release is made by every deploy, every var or secret change and every rollback; `rig rollback app --to vN` restores one.',
    args: [appRefArg(true)],
    options: [networkFlag, { name: 'limit', value: 'count', description: 'At most this many releases (default 50).' }],
    examples: [
      { command: 'releases prod/web', description: 'The releases of one app' },
      { command: 'releases web --network prod -o jsonl', description: 'One JSON object per release' },
    ],
    jsonOutput: 'An array of Release objects (`{version, network, app, state, reason, deployment_id, rollback_of, config_digest, description, created_by, created_at}`); `-o jsonl`: one per line.',
    load: () => import('./releases.js'),
  },
  {
    name: 'rollback app',
    summary: 'Restore the code and config of an earlier release, as a new release, and wait until it is healthy.',
    description:
      'Without `--to`, the release before the current one is restored. The rollback is itself a new release (the next version), so it can be rolled back too. Exit codes as for `rig deploy`: 0 healthy, 11 the restored release failed its health check (the current one keeps serving), 20 stopped waiting.',
    args: [appRefArg(true)],
    options: [
      networkFlag,
      { name: 'to', value: 'version', description: 'The release to restore: `v3` or `3` (default: the one before the current release).' },
      { name: 'timeout', value: 'duration', description: 'Stop waiting after this long (default `5m`) and exit 20.' },
    ],
    examples: [
      { command: 'rollback app prod/web', description: 'Back to the previous release' },
      { command: 'rollback app web --network prod --to v3', description: 'Back to release v3' },
    ],
    jsonOutput: '`{outcome: "live"|"health_check_failed"|"timed_out", release: Release, url}` — `release` is the new release made by the rollback.',
    load: () => import('./rollback-app.js'),
  },
  {
    name: 'config export',
    summary: 'Write the configuration (networks, apps, settings, vars, secret names and digests) as a declarative document.',
    description:
      'The document is JSON, validated by the published schema `docs/cli/json/config-document.schema.json`. It lists each secret as its key and the digest of its value (`{"key", "digest"}`), never the value. Feed it to `rig config diff` and `rig config apply`; applying it to an empty account is the import. Drop a secret’s `digest` to accept any value for it.',
    args: [],
    options: [
      { name: 'network', short: 'n', value: 'network', description: 'Export only this network (default: all of yours).' },
      { name: 'file', value: 'file', description: 'Write the document to this file instead of stdout.' },
    ],
    examples: [
      { command: 'config export --file max.json', description: 'Everything, into max.json' },
      { command: 'config export --network prod', description: 'One network, on stdout' },
    ],
    jsonOutput: 'The ConfigDocument (`{version: 1, networks: [...]}`), also with `--file`.',
    load: () => import('./config-export.js'),
  },
  {
    name: 'config diff',
    summary: 'Show what applying a document would change; exit 5 when the platform differs, 0 when not.',
    description:
      'Networks the document does not name are never touched; within the named ones, vars and secret keys the document lacks would be deleted. Secrets are compared by digest, so a secret changed through the API since the export shows up as `~ update secret` with its digests — no local values needed. Without a value for it (`--secrets-from-env-file`), such a change, or a listed secret that is not set, also blocks the plan. Secret values are never printed.',
    args: [{ name: 'file', required: true, description: 'The config document (JSON).' }],
    options: [secretsEnvFileFlag, pruneFlag],
    examples: [
      { command: 'config diff max.json', description: 'Drift check: exit 0 in sync, 5 when different' },
      { command: 'config diff max.json --secrets-from-env-file secrets.env -o json', description: 'Plan with local secret values (what apply would do); the plan as JSON' },
    ],
    jsonOutput: '`{in_sync, plan_digest, changes: [{action, resource, network, app, key, fields: [{name, before, after}]}], blockers: [{reason, network, app, key, message}], summary: {create, update, delete}}`.',
    load: () => import('./config-diff.js'),
  },
  {
    name: 'config apply',
    summary: 'Apply a document: show the plan, confirm, and apply it in one transaction.',
    description:
      'On a terminal rig asks before applying; otherwise pass `--yes`. The platform re-plans and applies everything or nothing — the document and the secret values from `--secrets-from-env-file` in one transaction — and refuses when the state changed since the plan was shown. A value must match the digest the document lists for its secret (exit 6 otherwise, naming the key). A listed secret that is not set, or whose digest differs, and has no value in the file blocks the apply (exit 5).',
    args: [{ name: 'file', required: true, description: 'The config document (JSON).' }],
    options: [secretsEnvFileFlag, pruneFlag],
    examples: [
      { command: 'config apply max.json', description: 'Review the plan and confirm' },
      { command: 'config apply max.json --secrets-from-env-file secrets.env --yes', description: 'Import into a new account, with secret values, without asking' },
    ],
    jsonOutput: '`{applied, plan_digest, changes: [...], summary: {create, update, delete}, releases: [{network, app, version}]}` (changes as in `config diff`).',
    load: () => import('./config-apply.js'),
  },
  {
    name: 'history',
    summary: 'List the audit history: who changed what, when (newest first).',
    args: [],
    options: [
      { name: 'network', short: 'n', value: 'network', description: 'Only events about this network and its apps.' },
      { name: 'app', value: 'app', description: 'Only events about this app (`<network>/<app>`, or `<app>` with `--network`).' },
      { name: 'actor', value: 'id', description: 'Only events by this actor (user or API token id).' },
      { name: 'action', value: 'action', description: 'Only this action (`var.set`), or every action with a prefix ending in `.` (`app.`).' },
      { name: 'since', value: 'time', description: 'Only events at or after this time: ISO 8601 (`2026-01-31T12:00:00Z`) or relative (`30m`, `2h`, `7d`).' },
      { name: 'until', value: 'time', description: 'Only events before this time (ISO 8601 or relative).' },
      { name: 'limit', value: 'count', description: 'At most this many events (default 50).' },
      {
        name: 'follow',
        short: 'f',
        description: 'After the list, keep streaming new events as they happen (oldest first) until Ctrl-C. Events the platform no longer holds are reported on stderr, never skipped silently.',
      },
    ],
    examples: [
      { command: 'history', description: 'The last 50 changes' },
      { command: 'history --follow --network prod', description: 'Watch changes to one network live' },
      { command: 'history -f -o jsonl', description: 'A live feed, one JSON object per event' },
      { command: 'history --app prod/web --since 2h', description: 'What happened to one app in the last two hours' },
      { command: 'history --action secret. -o jsonl', description: 'Secret changes, one JSON object per line' },
    ],
    jsonOutput:
      'An array of Event objects (`{id, seq, action, actor, target, details, revertible, created_at}`); `-o jsonl`: one per line, and with `--follow` every new event as one more line.',
    load: () => import('./history.js'),
  },
  {
    name: 'revert',
    summary: 'Undo the change an event recorded (vars, secrets, app settings), as a new change.',
    description: '`rig history` shows event ids and which events can be reverted. Secrets are restored to their previous value (shown by digest). The revert is itself recorded as an event.',
    args: [{ name: 'event-id', required: true, description: 'The id of the event to undo.' }],
    options: [],
    examples: [{ command: 'revert evt_123', description: 'Undo one change' }],
    jsonOutput: '`{event: Event, releases: [{network, app, version}]}` — the new event records the revert.',
    load: () => import('./revert.js'),
  },
  {
    name: 'logs app',
    summary: "Show an app's runtime logs; with `--follow`, keep streaming new lines (no time limit).",
    description: LOGS_DESCRIPTION('the app’s processes (every release), plus the platform’s lines about them (starts, health checks, restarts) with source `platform`', '<time> <source> | <text>'),
    args: [appRefArg(true)],
    options: [networkFlag, ...logFilterFlags],
    examples: [
      { command: 'logs app prod/web', description: 'The newest 100 lines' },
      { command: 'logs app prod/web -f', description: 'The newest 100 lines, then new lines as they are written, until Ctrl-C' },
      { command: 'logs app web -n prod --since 1h --stream stderr', description: 'Everything written to stderr in the last hour' },
      { command: 'logs app prod/web -f --grep "GET /api" -o jsonl', description: 'Live, filtered, one JSON object per line' },
    ],
    jsonOutput: LOGS_JSON,
    load: () => import('./logs-app.js'),
  },
  {
    name: 'logs build',
    summary: 'Show the build log of a deployment; with `--follow`, stream it until the build ends.',
    description:
      'The whole build output of one deployment (`npm install`, the build script) and the platform’s build steps. The deployment id is printed by `rig deploy` (and is in its `-o json` output). Without `--follow`, rig says when the build is still running; with it, rig streams until the build is over, then says how it went and exits 0. Lines the platform no longer holds are reported on stderr (`-- N log lines were lost (retention) --`), never skipped in silence.',
    args: [{ name: 'deployment-id', required: true, description: 'The deployment (`dep_…`).' }],
    options: [{ name: 'follow', short: 'f', description: 'After the log so far, stream new lines until the build ends (with its outcome on stderr).' }],
    examples: [
      { command: 'logs build dep_123', description: 'The build log so far' },
      { command: 'logs build dep_123 --follow', description: 'Watch a running build to its end' },
      { command: 'logs build dep_123 -o jsonl', description: 'One JSON object per line' },
    ],
    jsonOutput: `${LOGS_JSON} With \`--follow\`, the last line is \`{type: "eof", last_seq, state}\` (\`state\`: the deployment’s state when the build log closed — \`failed\` when the build failed).`,
    load: () => import('./logs-build.js'),
  },
  {
    name: 'logs network',
    summary: 'Show the merged runtime logs of every app of a network; with `--follow`, keep streaming.',
    description: LOGS_DESCRIPTION('every app of the network, merged in one stream with its own `seq`; each line names its app', '<time> <app> <source> | <text>'),
    args: [{ name: 'name', required: true, description: 'The network.' }],
    options: logFilterFlags,
    examples: [
      { command: 'logs network prod', description: 'The newest 100 lines of all apps of prod' },
      { command: 'logs network prod --follow --stream stderr', description: 'Every app’s stderr, live' },
    ],
    jsonOutput: `${LOGS_JSON} Network log lines also carry \`app\`.`,
    load: () => import('./logs-network.js'),
  },
  {
    name: 'shell app',
    summary: 'Open an interactive shell in an app: its release directory and environment, in a session that survives dropped connections.',
    description: SHELL_DESCRIPTION('the app’s current release directory, with the app’s effective environment (vars, secrets, `MAX_APP`, `PORT`, …)'),
    args: [appRefArg(true)],
    options: [networkFlag, ...shellFlags],
    examples: [
      { command: 'shell app prod/web', description: 'A shell in the app `web` of `prod`' },
      { command: 'shell app web --network prod --detach-timeout 1h', description: 'Keep the session for an hour after a detach' },
    ],
    jsonOutput: SHELL_JSON,
    load: () => import('./shell-open.js'),
  },
  {
    name: 'shell network',
    summary: 'Open an interactive shell in a network’s workspace, with the network’s environment and every app’s URL.',
    description: SHELL_DESCRIPTION('a workspace directory of the network, with the network’s vars and secrets, `MAX_NETWORK`, and one `MAX_APP_URL_<APP>` per app'),
    args: [{ name: 'name', required: true, description: 'The network.' }],
    options: shellFlags,
    examples: [{ command: 'shell network prod', description: 'A shell with the environment of the network `prod`' }],
    jsonOutput: SHELL_JSON,
    load: () => import('./shell-open.js'),
  },
  {
    name: 'shell attach',
    summary: 'Attach to a running shell session again: the earlier output is replayed, then you continue where you left.',
    description:
      'The scrollback the platform still buffers (at least 1 MiB) is replayed first, so the screen shows what happened while you were away. Several terminals may attach to one session at once. Detach again with Enter `~` `.`.',
    args: [{ name: 'session-id', required: true, description: 'The session (`sh_…`; `rig shell list` shows them).' }],
    options: [],
    examples: [
      { command: 'shell attach sh_123', description: 'Back into the session (`rig shell list` shows the ids)' },
    ],
    jsonOutput: SHELL_JSON,
    load: () => import('./shell-attach.js'),
  },
  {
    name: 'shell list',
    summary: 'List your shell sessions, newest first (running ones, and ended ones the platform still remembers).',
    args: [],
    options: [
      { name: 'network', short: 'n', value: 'network', description: 'Only sessions in this network (app and network shells).' },
      { name: 'app', value: 'app', description: 'Only sessions of this app (`<network>/<app>`, or `<app>` with `--network`).' },
      { name: 'state', value: 'state', choices: ['running', 'exited'], description: 'Only sessions in this state.' },
    ],
    examples: [
      { command: 'shell list', description: 'All your sessions' },
      { command: 'shell list --state running -o json', description: 'The running ones, as JSON' },
    ],
    jsonOutput: 'An array of ShellSession objects (`{id, network, app, command, term, cols, rows, state, exit_code, signal, pid, attached_clients, output_bytes, detach_timeout_seconds, created_at, ended_at}`); `-o jsonl`: one per line.',
    load: () => import('./shell-list.js'),
  },
  {
    name: 'shell kill',
    summary: 'End a shell session: hang up its terminal and end every process in it.',
    description: 'The shell and everything it started get SIGHUP, then SIGKILL after 5 s; attached terminals are detached. Ending a session that already ended changes nothing.',
    args: [{ name: 'session-id', required: true, description: 'The session (`sh_…`).' }],
    options: [],
    examples: [{ command: 'shell kill sh_123', description: 'End one session' }],
    jsonOutput: 'The ShellSession object after the hang-up (its `state` may still be `running` for a moment while it stops).',
    load: () => import('./shell-kill.js'),
  },
  {
    name: 'command',
    summary: 'Run a command in an app (or a network) and relay its stdin, stdout, stderr and exit code, like ssh; `rig command attach <run-id>` to attach again.',
    description: COMMAND_DESCRIPTION,
    args: [
      { name: 'app', required: true, description: 'The app, as `<network>/<app>`, or `<app>` with `--network`; `<network>/` (nothing after the slash) runs in the network’s workspace instead, with the network’s environment.' },
      {
        name: 'argv',
        required: false,
        variadic: true,
        description: 'The program and its arguments, after `--`. Passed as is, without a shell: write `sh -c \'…\'` for pipes, `&&` or variables. (`rig command attach <run-id>` takes the run id here.)',
      },
    ],
    options: [networkFlag, ...commandFlags],
    examples: [
      { command: "command demo/web -- sh -c 'echo $MAX_APP'", description: 'Run a shell snippet in the app' },
      { command: 'command demo/web -- npm run migrate', description: 'A one-off task; rig exits with its exit code' },
      { command: 'command demo/web -- tar x < site.tar', description: 'Feed a file to the remote stdin (pipes work: `tar c . | rig command demo/web -- tar x`)' },
      { command: 'command demo/ -- env', description: 'Run in the network’s workspace: the network’s environment, every app’s URL' },
      { command: 'command demo/web --timeout 10m --detach -- ./nightly-job', description: 'Start and return (prints the run id); it is killed after 10 minutes' },
      { command: 'command demo/web -o json -- make test', description: 'One JSON document with the exit code and byte counts; the output goes to stderr' },
      { command: 'command attach run_123', description: 'Attach to a run again (started with `--detach`, or detached with Ctrl-C Ctrl-C): replay, follow, exit with its code' },
    ],
    jsonOutput: COMMAND_JSON,
    load: () => import('./command-run.js'),
  },
  {
    name: 'completion',
    summary: 'Print the shell completion script for bash, zsh or fish.',
    description:
      'Completes commands, flags, flag values and — when you are logged in — your networks, apps (`<network>/<app>`) and deployments, fetched in one request and given at most 1 s (otherwise you get what rig knows offline). Completion never prompts and never prints errors into your shell.',
    args: [{ name: 'shell', required: true, description: 'The shell: `bash`, `zsh` or `fish`.' }],
    options: [],
    examples: [
      { command: 'completion bash > ~/.local/share/bash-completion/completions/rig', description: 'Install for bash (new shells)' },
      { command: 'completion zsh > "${fpath[1]}/_rig"', description: 'Install for zsh (a directory on $fpath)' },
      { command: 'completion fish > ~/.config/fish/completions/rig.fish', description: 'Install for fish' },
    ],
    jsonOutput: '`{shell, script}` (without `-o json`, stdout is the script itself).',
    load: () => import('./completion.js'),
  },
  {
    name: 'context list',
    summary: 'List contexts (named API URLs), who is logged in to each, and which one is current.',
    description:
      'A context names one Max API URL; each keeps its own login (in the keychain or the credentials file), so several stay logged in at once. `rig login` creates a context for its API URL (named after the host) and makes it current. `--api-url`, `RIG_CONTEXT` and `RIG_API_URL` override the current context for one command. No request is made.',
    args: [],
    options: [],
    examples: [
      { command: 'context list', description: 'All contexts; `*` marks the current one' },
      { command: 'context list -o json', description: 'The same as JSON' },
    ],
    jsonOutput: 'An array of `{name, api_url, current, logged_in, user: {id, email}|null, credential_store: "keychain"|"file"|null}` (`-o jsonl`: one per line).',
    load: () => import('./context-list.js'),
  },
  {
    name: 'context use',
    summary: 'Make a context current: its API URL and login are used from now on.',
    description: 'Without a name, on a terminal, rig lists the contexts and asks which one. `rig whoami` shows the current context.',
    args: [{ name: 'name', required: false, description: 'The context (`rig context list` shows them).' }],
    options: [],
    examples: [
      { command: 'context use max.example.com', description: 'Switch to the Max at max.example.com' },
      { command: 'context use 127.0.0.1:4000', description: 'Back to the local max-local' },
    ],
    jsonOutput: '`{name, api_url, current: true}`.',
    load: () => import('./context-use.js'),
  },
];

/** First words of multi-word commands (`create`, `status`, …): typing only the group lists its commands. */
export function commandGroups(defs: readonly CommandDef[] = commands): Map<string, CommandDef[]> {
  const groups = new Map<string, CommandDef[]>();
  for (const def of defs) {
    const words = def.name.split(' ');
    if (words.length < 2) continue;
    const group = words[0] ?? '';
    groups.set(group, [...(groups.get(group) ?? []), def]);
  }
  return groups;
}
