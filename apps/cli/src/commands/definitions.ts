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
const appRefArg = (required: boolean) => ({
  name: 'app',
  required,
  description: 'The app, as `<network>/<app>`, or `<app>` with `--network`.',
});

export const commands: readonly CommandDef[] = [
  {
    name: 'login',
    summary: 'Log in to Max (device authorization in the browser, or a token on stdin).',
    description:
      'Without flags, rig starts a device login: it prints a URL and a one-time code on stderr, you approve in a browser, and rig stores the session (OS keychain, or the credentials file where no keychain works). With `--with-token`, rig reads an API token from stdin — never from the command line, where it would leak into shell history and process lists.',
    args: [],
    options: [{ name: 'with-token', description: 'Read an API token from stdin instead of the device login.' }],
    examples: [
      { command: 'login', description: 'Log in through the browser' },
      { command: 'login --api-url https://max.example.com', description: 'Log in to another Max' },
      { command: 'login --with-token < token.txt', description: 'Log in with an API token (CI)' },
    ],
    jsonOutput: '`{api_url, user: {id, email, name}, scope, credential_store: "keychain"|"file", fallback_reason?}`.',
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
    jsonOutput: '`{user: {id, email, name, created_at}, auth: {type, scope, expires_at}, api_url, api_url_source, credential: {source: "env"|"keychain"|"file", location, fallback_reason?}}`.',
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
    summary: 'Show every field of an app.',
    args: [appRefArg(true)],
    options: [networkFlag],
    examples: [
      { command: 'details app prod/web', description: 'All fields of the app `web` in `prod`' },
      { command: 'details app web --network prod --json', description: 'The app as JSON' },
    ],
    jsonOutput: 'The App object.',
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
