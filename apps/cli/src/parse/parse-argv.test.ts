import { describe, expect, it } from 'vitest';
import { commands } from '../commands/definitions.js';
import { UsageError } from '../errors/cli-error.js';
import { resolveGlobalFlags, type GlobalFlags } from '../global-options.js';
import { parseArgv } from './parse-argv.js';

const defaults: GlobalFlags = { output: 'table', verbose: false, config: undefined, apiUrl: undefined, color: true, yes: false };

function parse(argv: string[], env: Record<string, string> = {}) {
  const parsed = parseArgv(argv, commands);
  const globals = resolveGlobalFlags(parsed.globals, env);
  if (parsed.kind !== 'run') return { kind: parsed.kind, command: parsed.kind === 'help' ? (parsed.def?.name ?? parsed.group) : undefined, globals };
  const { command, args, variadic, options } = parsed.invocation;
  return { kind: parsed.kind, command, args, variadic, options, globals };
}

interface Case {
  argv: string[];
  env?: Record<string, string>;
  command: string;
  args?: Record<string, string | undefined>;
  options?: Record<string, string | boolean>;
  variadic?: string[];
  globals?: Partial<GlobalFlags>;
}

const cases: Case[] = [
  // login / logout / whoami
  { argv: ['login'], command: 'login', args: {}, options: {} },
  { argv: ['login', '--with-token'], command: 'login', options: { withToken: true } },
  { argv: ['login', '--api-url', 'http://127.0.0.1:9'], command: 'login', globals: { apiUrl: 'http://127.0.0.1:9' } },
  { argv: ['--api-url=http://max.test', 'login', '--with-token'], command: 'login', options: { withToken: true }, globals: { apiUrl: 'http://max.test' } },
  { argv: ['logout'], command: 'logout', args: {}, options: {} },
  { argv: ['logout', '--api-url', 'http://max.test', '-v'], command: 'logout', globals: { apiUrl: 'http://max.test', verbose: true } },
  { argv: ['whoami'], command: 'whoami', args: {}, options: {} },
  { argv: ['whoami', '--json'], command: 'whoami', globals: { output: 'json' } },
  { argv: ['-o', 'jsonl', 'whoami'], command: 'whoami', globals: { output: 'jsonl' } },
  { argv: ['whoami', '-ojson'], command: 'whoami', globals: { output: 'json' } },
  { argv: ['whoami', '--output=jsonl'], command: 'whoami', globals: { output: 'jsonl' } },
  { argv: ['whoami'], env: { RIG_OUTPUT: 'json' }, command: 'whoami', globals: { output: 'json' } },
  { argv: ['whoami', '-o', 'table'], env: { RIG_OUTPUT: 'json' }, command: 'whoami', globals: { output: 'table' } },
  { argv: ['whoami'], env: { RIG_OUTPUT: '' }, command: 'whoami', globals: { output: 'table' } },
  { argv: ['--config', '/etc/rig/config.json', 'whoami'], command: 'whoami', globals: { config: '/etc/rig/config.json' } },
  // create network (multi-word fold; flags before and after; values stay strings)
  { argv: ['create', 'network', 'prod'], command: 'create network', args: { name: 'prod' }, options: {} },
  { argv: ['create', 'network', 'prod', '--description', '007'], command: 'create network', args: { name: 'prod' }, options: { description: '007' } },
  { argv: ['create', 'network', '--description=a b', 'prod'], command: 'create network', args: { name: 'prod' }, options: { description: 'a b' } },
  { argv: ['--json', 'create', 'network', 'prod', '-v'], command: 'create network', args: { name: 'prod' }, globals: { output: 'json', verbose: true } },
  { argv: ['-v', '-o', 'json', 'create', 'network', 'prod'], command: 'create network', args: { name: 'prod' }, globals: { output: 'json', verbose: true } },
  // create app: <network>/<app> or --network
  { argv: ['create', 'app', 'prod/web'], command: 'create app', args: { app: 'prod/web' }, options: {} },
  {
    argv: ['create', 'app', 'web', '--network', 'prod', '--health-check-path', '/healthz', '--description', 'site'],
    command: 'create app',
    args: { app: 'web' },
    options: { network: 'prod', healthCheckPath: '/healthz', description: 'site' },
  },
  { argv: ['create', 'app', '-n', 'prod', 'web'], command: 'create app', args: { app: 'web' }, options: { network: 'prod' } },
  // status network: list (filters) or one
  { argv: ['status', 'network'], command: 'status network', args: { name: undefined }, options: {} },
  { argv: ['status', 'network', '--filter', 'pro', '--sort', '-created'], command: 'status network', options: { filter: 'pro', sort: '-created' } },
  { argv: ['status', 'network', '--sort=-name'], command: 'status network', options: { sort: '-name' } },
  { argv: ['status', 'network', 'prod', '-o', 'json'], command: 'status network', args: { name: 'prod' }, globals: { output: 'json' } },
  { argv: ['status', 'network', '--filter', '123'], command: 'status network', options: { filter: '123' } },
  // status app
  { argv: ['status', 'app'], command: 'status app', args: { app: undefined }, options: {} },
  { argv: ['status', 'app', '--network', 'prod', '--sort', 'created'], command: 'status app', options: { network: 'prod', sort: 'created' } },
  { argv: ['status', 'app', 'prod/web', '--no-color'], command: 'status app', args: { app: 'prod/web' }, globals: { color: false } },
  { argv: ['status', 'app'], env: { NO_COLOR: '1' }, command: 'status app', globals: { color: false } },
  { argv: ['status', 'app', '--filter', 'we', '-o', 'jsonl'], command: 'status app', options: { filter: 'we' }, globals: { output: 'jsonl' } },
  // details
  { argv: ['details', 'network', 'prod'], command: 'details network', args: { name: 'prod' }, options: {} },
  { argv: ['details', 'app', 'prod/web', '--json'], command: 'details app', args: { app: 'prod/web' }, globals: { output: 'json' } },
  { argv: ['details', 'app', 'web', '--network', 'prod'], command: 'details app', args: { app: 'web' }, options: { network: 'prod' } },
  // update app
  {
    argv: ['update', 'app', 'prod/web', '--description', 'x', '--health-check-path', '/h'],
    command: 'update app',
    args: { app: 'prod/web' },
    options: { description: 'x', healthCheckPath: '/h' },
  },
  { argv: ['update', 'app', 'prod/web', '--description', ''], command: 'update app', options: { description: '' } },
  // delete
  { argv: ['delete', 'network', 'prod', '--force', '--yes'], command: 'delete network', args: { name: 'prod' }, options: { force: true }, globals: { yes: true } },
  { argv: ['-y', 'delete', 'network', 'prod'], command: 'delete network', args: { name: 'prod' }, options: {}, globals: { yes: true } },
  { argv: ['delete', 'network', '--force', 'prod'], command: 'delete network', args: { name: 'prod' }, options: { force: true } },
  { argv: ['delete', 'app', 'web', '--network', 'prod', '-y'], command: 'delete app', args: { app: 'web' }, options: { network: 'prod' }, globals: { yes: true } },
  { argv: ['delete', 'app', 'prod/web', '-yv'], command: 'delete app', args: { app: 'prod/web' }, globals: { yes: true, verbose: true } },
  // vars: several KEY=VALUE at once (values keep `=`, spaces and dashes), scope by --network / --app
  {
    argv: ['create', 'var', 'A=1', 'B=x=y', 'C=', '--network', 'prod'],
    command: 'create var',
    args: {},
    variadic: ['A=1', 'B=x=y', 'C='],
    options: { network: 'prod' },
  },
  { argv: ['create', 'var', 'MSG=-v --json', '--app', 'prod/web'], command: 'create var', variadic: ['MSG=-v --json'], options: { app: 'prod/web' } },
  { argv: ['create', 'var', '--from-env-file', '.env', '-n', 'prod', '--app', 'web'], command: 'create var', variadic: [], options: { fromEnvFile: '.env', network: 'prod', app: 'web' } },
  { argv: ['create', 'var', 'N=007', '-n', 'prod', '--json'], command: 'create var', variadic: ['N=007'], globals: { output: 'json' } },
  { argv: ['delete', 'var', 'A', 'B', '--network', 'prod'], command: 'delete var', variadic: ['A', 'B'], options: { network: 'prod' } },
  { argv: ['status', 'var', '--app', 'prod/web', '-o', 'jsonl'], command: 'status var', options: { app: 'prod/web' }, globals: { output: 'jsonl' } },
  // secrets: a key (value from stdin/prompt/file), or an env file
  { argv: ['create', 'secret', 'API_KEY', '--network', 'prod'], command: 'create secret', args: { key: 'API_KEY' }, options: { network: 'prod' } },
  { argv: ['create', 'secret', 'TLS_KEY', '--from-file', 'key.pem', '--app', 'prod/web'], command: 'create secret', args: { key: 'TLS_KEY' }, options: { fromFile: 'key.pem', app: 'prod/web' } },
  { argv: ['create', 'secret', '--from-env-file', 's.env', '-n', 'prod'], command: 'create secret', args: { key: undefined }, options: { fromEnvFile: 's.env', network: 'prod' } },
  { argv: ['delete', 'secret', 'OLD', 'LEGACY', '-n', 'prod', '--app', 'web'], command: 'delete secret', variadic: ['OLD', 'LEGACY'], options: { network: 'prod', app: 'web' } },
  { argv: ['status', 'secret', '--network', 'prod', '--json'], command: 'status secret', options: { network: 'prod' }, globals: { output: 'json' } },
  // dashboard, config, history, revert
  { argv: ['status', 'dashboard'], command: 'status dashboard', args: {}, options: {} },
  { argv: ['status', 'dashboard', '--events', '50', '--json'], command: 'status dashboard', options: { events: '50' }, globals: { output: 'json' } },
  { argv: ['config', 'export'], command: 'config export', options: {} },
  { argv: ['config', 'export', '--network', 'prod', '--file', 'max.json'], command: 'config export', options: { network: 'prod', file: 'max.json' } },
  { argv: ['config', 'diff', 'max.json'], command: 'config diff', args: { file: 'max.json' }, options: {} },
  {
    argv: ['config', 'diff', 'max.json', '--secrets-from-env-file', 's.env', '--prune', '-o', 'json'],
    command: 'config diff',
    args: { file: 'max.json' },
    options: { secretsFromEnvFile: 's.env', prune: true },
    globals: { output: 'json' },
  },
  { argv: ['config', 'apply', 'max.json', '--yes'], command: 'config apply', args: { file: 'max.json' }, options: {}, globals: { yes: true } },
  { argv: ['--config', '/c/config.json', 'config', 'apply', 'max.json'], command: 'config apply', args: { file: 'max.json' }, globals: { config: '/c/config.json' } },
  { argv: ['history'], command: 'history', args: {}, options: {} },
  {
    argv: ['history', '--app', 'prod/web', '--actor', 'usr_1', '--action', 'var.', '--since', '2h', '--until', '2026-01-31T00:00:00Z', '--limit', '10'],
    command: 'history',
    options: { app: 'prod/web', actor: 'usr_1', action: 'var.', since: '2h', until: '2026-01-31T00:00:00Z', limit: '10' },
  },
  { argv: ['history', '-n', 'prod', '-o', 'jsonl'], command: 'history', options: { network: 'prod' }, globals: { output: 'jsonl' } },
  { argv: ['revert', 'evt_123'], command: 'revert', args: { 'event-id': 'evt_123' }, options: {} },
  // realtime: history --follow, dashboard --watch
  { argv: ['history', '--follow'], command: 'history', options: { follow: true } },
  { argv: ['history', '-f', '-o', 'jsonl', '--action', 'app.'], command: 'history', options: { follow: true, action: 'app.' }, globals: { output: 'jsonl' } },
  { argv: ['status', 'dashboard', '--watch'], command: 'status dashboard', options: { watch: true } },
  { argv: ['status', 'dashboard', '-w', '--events', '5', '-o', 'jsonl'], command: 'status dashboard', options: { watch: true, events: '5' }, globals: { output: 'jsonl' } },
  // logs: history then --follow; filters are allowed together with --follow
  { argv: ['logs', 'app', 'prod/web'], command: 'logs app', args: { app: 'prod/web' }, options: {} },
  {
    argv: ['logs', 'app', 'web', '-n', 'prod', '-f', '--since', '1h', '--tail', '20', '--stream', 'stderr', '--grep', 'GET /'],
    command: 'logs app',
    args: { app: 'web' },
    options: { network: 'prod', follow: true, since: '1h', tail: '20', stream: 'stderr', grep: 'GET /' },
  },
  { argv: ['logs', 'app', 'prod/web', '--until', '2026-01-31T00:00:00Z', '-o', 'json'], command: 'logs app', options: { until: '2026-01-31T00:00:00Z' }, globals: { output: 'json' } },
  { argv: ['logs', 'build', 'dep_123'], command: 'logs build', args: { 'deployment-id': 'dep_123' }, options: {} },
  { argv: ['logs', 'build', 'dep_123', '--follow', '-o', 'jsonl'], command: 'logs build', args: { 'deployment-id': 'dep_123' }, options: { follow: true }, globals: { output: 'jsonl' } },
  { argv: ['logs', 'network', 'prod', '-f', '--grep', 'error'], command: 'logs network', args: { name: 'prod' }, options: { follow: true, grep: 'error' } },
  // completion / context
  { argv: ['completion', 'bash'], command: 'completion', args: { shell: 'bash' }, options: {} },
  { argv: ['completion', 'fish', '-o', 'json'], command: 'completion', args: { shell: 'fish' }, globals: { output: 'json' } },
  { argv: ['context', 'list'], command: 'context list', args: {}, options: {} },
  { argv: ['context', 'list', '--json'], command: 'context list', globals: { output: 'json' } },
  { argv: ['context', 'use', 'prod'], command: 'context use', args: { name: 'prod' }, options: {} },
  { argv: ['context', 'use'], command: 'context use', args: { name: undefined }, options: {} },
  // deploy: the directory is optional; --no-wait is `wait: false`, --no-rollback `rollback: false` (cac adds `true` otherwise)
  { argv: ['deploy', '--app', 'prod/web'], command: 'deploy', args: { dir: undefined }, options: { app: 'prod/web', wait: true, rollback: true } },
  {
    argv: ['deploy', './site', '--app', 'web', '-n', 'prod', '--create', '-m', 'first: 007', '--timeout', '90s'],
    command: 'deploy',
    args: { dir: './site' },
    options: { app: 'web', network: 'prod', create: true, message: 'first: 007', timeout: '90s', wait: true, rollback: true },
  },
  { argv: ['deploy', '--app', 'prod/web', '--no-wait'], command: 'deploy', options: { app: 'prod/web', wait: false, rollback: true } },
  { argv: ['deploy', '--dry-run', '--app', 'prod/web', '-o', 'jsonl'], command: 'deploy', options: { dryRun: true, app: 'prod/web', wait: true, rollback: true }, globals: { output: 'jsonl' } },
  { argv: ['deploy', '--message=-v --json', '--app', 'p/w'], command: 'deploy', options: { message: '-v --json', app: 'p/w', wait: true, rollback: true } },
  { argv: ['deploy', '--app', 'prod/web', '--no-rollback'], command: 'deploy', options: { app: 'prod/web', wait: true, rollback: false } },
  { argv: ['releases', 'prod/web'], command: 'releases', args: { app: 'prod/web' }, options: {} },
  { argv: ['releases', 'web', '--network', 'prod', '--limit', '5', '--json'], command: 'releases', args: { app: 'web' }, options: { network: 'prod', limit: '5' }, globals: { output: 'json' } },
  { argv: ['rollback', 'app', 'prod/web'], command: 'rollback app', args: { app: 'prod/web' }, options: {} },
  { argv: ['rollback', 'app', 'web', '-n', 'prod', '--to', 'v3', '--timeout', '2m'], command: 'rollback app', args: { app: 'web' }, options: { network: 'prod', to: 'v3', timeout: '2m' } },
  // shell: sessions; command: argv after `--` is passed through untouched (flags included)
  { argv: ['shell', 'app', 'prod/web'], command: 'shell app', args: { app: 'prod/web' }, options: {} },
  { argv: ['shell', 'app', 'web', '-n', 'prod', '--detach-timeout', '1h'], command: 'shell app', args: { app: 'web' }, options: { network: 'prod', detachTimeout: '1h' } },
  { argv: ['shell', 'network', 'prod'], command: 'shell network', args: { name: 'prod' }, options: {} },
  { argv: ['shell', 'attach', 'sh_1'], command: 'shell attach', args: { 'session-id': 'sh_1' }, options: {} },
  { argv: ['shell', 'list', '--state', 'running', '--json'], command: 'shell list', args: {}, options: { state: 'running' }, globals: { output: 'json' } },
  { argv: ['shell', 'kill', 'sh_1'], command: 'shell kill', args: { 'session-id': 'sh_1' }, options: {} },
  {
    argv: ['command', 'demo/web', '--', 'sh', '-c', 'echo out; echo err >&2; exit 42'],
    command: 'command',
    args: { app: 'demo/web' },
    variadic: ['sh', '-c', 'echo out; echo err >&2; exit 42'],
    options: {},
  },
  {
    argv: ['command', 'web', '-n', 'demo', '--timeout', '90s', '--detach', '-o', 'json', '--', 'ls', '--json', '-v', '--', 'x'],
    command: 'command',
    args: { app: 'web' },
    variadic: ['ls', '--json', '-v', '--', 'x'],
    options: { network: 'demo', timeout: '90s', detach: true },
    globals: { output: 'json' },
  },
  { argv: ['command', 'demo/', '--', 'env'], command: 'command', args: { app: 'demo/' }, variadic: ['env'], options: {} },
  { argv: ['command', 'attach', 'run_1'], command: 'command', args: { app: 'attach' }, variadic: ['run_1'], options: {} },
];

describe('parseArgv: argv → command, args, options, globals', () => {
  it.each(cases)('rig $argv', ({ argv, env, command, args, variadic, options, globals }) => {
    const result = parse(argv, env);
    expect(result.kind).toBe('run');
    expect(result.command).toBe(command);
    if (args) expect(result.args).toEqual(args);
    if (variadic) expect(result.variadic).toEqual(variadic);
    if (options) expect(result.options).toEqual(options);
    expect(result.globals).toEqual({ ...defaults, ...globals });
  });

  it('covers every declared command', () => {
    const covered = new Set(cases.map((c) => c.command));
    expect([...covered].sort()).toEqual(commands.map((d) => d.name).sort());
  });
});

describe('parseArgv: help and version', () => {
  it.each([
    [['--help'], 'help', undefined],
    [[], 'help', undefined],
    [['-h'], 'help', undefined],
    [['create', 'network', '--help'], 'help', 'create network'],
    [['--help', 'status', 'app'], 'help', 'status app'],
    [['create', '--help'], 'help', 'create'],
    [['create'], 'help', 'create'],
    [['config'], 'help', 'config'],
    [['logs'], 'help', 'logs'],
    [['context'], 'help', 'context'],
    [['login', '-h'], 'help', 'login'],
    [['--version'], 'version', undefined],
    [['-V'], 'version', undefined],
    [['whoami', '--version'], 'version', undefined],
  ] as const)('rig %j → %s %s', (argv, kind, command) => {
    const result = parse([...argv]);
    expect(result.kind).toBe(kind);
    expect(result.command).toBe(command);
  });
});

describe('parseArgv: usage errors (exit 2)', () => {
  const usage = (argv: string[], env: Record<string, string> = {}): UsageError => {
    try {
      parse(argv, env);
    } catch (error) {
      expect(error).toBeInstanceOf(UsageError);
      return error as UsageError;
    }
    throw new Error(`expected a usage error for ${argv.join(' ')}`);
  };

  it.each([
    [['crate', 'network', 'x'], /Unknown command "crate network"/, /Did you mean `rig create network`\?/],
    [['stauts', 'app'], /Unknown command "stauts app"/, /`rig status app`/],
    [['whoam'], /Unknown command "whoam"/, /`rig whoami`/],
    [['create', 'netwrk', 'x'], /Unknown command "create netwrk"/, /`rig create network`/],
    [['frobnicate'], /Unknown command "frobnicate"/, /rig --help/],
    [['status', 'network', '--foo'], /Unknown flag --foo for `rig status network`/, /status network --help/],
    [['status', 'network', '--filtr', 'x'], /Unknown flag --filtr/, /Did you mean --filter\?/],
    [['create', 'network', '--nmae', 'x'], /Unknown flag --nmae for `rig create network`/, /<name> is an argument, not a flag: `rig create network <name>`/],
    [['create', 'app', '--netwrok', 'prod', 'web'], /Unknown flag --netwrok/, /Did you mean --network\?/],
    [['delete', 'network', 'x', '--frce'], /Unknown flag --frce/, /Did you mean --force\?/],
    [['create', 'netwrok', 'x'], /Unknown command "create netwrok"/, /`rig create network`/],
    [['contxt', 'list'], /Unknown command "contxt list"/, /`rig context list`/],
    [['completon', 'bash'], /Unknown command "completon"/, /`rig completion`/],
    [['create', '--nmae'], /Unknown flag --nmae/, /rig --help/],
    [['--jsno', 'whoami'], /Unknown flag --jsno/, /Did you mean --json\?/],
    [['delete', 'network', 'x', '--network', 'y'], /Unknown flag --network for `rig delete network`/, /--help/],
    [['status', 'network', '--sort', 'size'], /Invalid value for --sort: "size"/, /name, -name, created, -created/],
    [['-o', 'yaml', 'whoami'], /Invalid value for --output: "yaml"/, /table, json, jsonl/],
    [['--json', '-o', 'table', 'whoami'], /--json contradicts --output table/, /only one/],
    [['create', 'network'], /Missing argument <name> for `rig create network`/, /--help/],
    [['details', 'app'], /Missing argument <app>/, /--help/],
    [['create', 'network', 'a', 'b'], /Unexpected argument "b"/, /--help/],
    [['status', 'network', '--filter'], /Flag --filter needs a value/, undefined],
    [['-o'], /Flag -o needs a value/, undefined],
    [['delete', 'var', '--network', 'prod'], /Missing argument <key>/, /--help/],
    [['config', 'diff'], /Missing argument <file>/, /--help/],
    [['revert'], /Missing argument <event-id>/, /--help/],
    [['history', '--app'], /Flag --app needs a value/, undefined],
    [['deploy', 'a', 'b', '--app', 'p/w'], /Unexpected argument "b"/, /--help/],
    [['deploy', '--app'], /Flag --app needs a value/, undefined],
    [['deploy', '--app', 'p/w', '--dryrun'], /Unknown flag --dryrun/, /Did you mean --dry-run\?/],
    [['rollback', 'app'], /Missing argument <app>/, /--help/],
    [['releases'], /Missing argument <app>/, /--help/],
    [['logs', 'app'], /Missing argument <app>/, /--help/],
    [['logs', 'build'], /Missing argument <deployment-id>/, /--help/],
    [['logs', 'app', 'prod/web', '--stream', 'both'], /Invalid value for --stream: "both"/, /stdout, stderr/],
    [['shell', 'app'], /Missing argument <app> for `rig shell app`/, /--help/],
    [['shell', 'list', '--state', 'dead'], /Invalid value for --state: "dead"/, /running, exited/],
    [['command', 'demo/web', 'ls', '-la'], /Unknown flag -l/, /--help/],
    [['logs', 'build', 'dep_1', '--grep', 'x'], /Unknown flag --grep for `rig logs build`/, /--help/],
    [['logs', 'network', 'prod', '--tail'], /Flag --tail needs a value/, undefined],
  ] as const)('rig %j', (argv, message, hint) => {
    const error = usage([...argv]);
    expect(error.message).toMatch(message);
    if (hint) expect(error.hint).toMatch(hint);
    expect(error.exitCode).toBe(2);
  });

  it('rejects a bad RIG_OUTPUT', () => {
    expect(usage(['whoami'], { RIG_OUTPUT: 'xml' }).message).toMatch(/Invalid RIG_OUTPUT: "xml"/);
  });

  it.each([
    [['login', 'mxp_secretvalue']],
    [['login', '--token', 'mxp_secretvalue']],
    [['login', '--token=mxp_secretvalue']],
    [['login', '--with-token', 'mxp_secretvalue']],
  ])('refuses a token in argv without echoing it: %j', (argv) => {
    const error = usage(argv);
    expect(`${error.message} ${error.hint ?? ''}`).not.toContain('mxp_secretvalue');
    expect(error.hint).toMatch(/--with-token/);
  });

  it.each([
    [['create', 'secret', 'API_KEY', 's3cr3t-value', '-n', 'prod']],
    [['create', 'secret', 'API_KEY', '-n', 'prod', '--', 's3cr3t-value']],
  ])('create secret: an extra argument (probably the value) is refused without echoing it: %j', (argv) => {
    const error = usage(argv);
    expect(`${error.message} ${error.hint ?? ''}`).not.toContain('s3cr3t-value');
    expect(error.hint).toMatch(/stdin/);
  });

  it.each([[['login', 'mxp_secretvalue']]])('(login, unchanged) %j', (argv) => {
    const error = usage(argv);
    expect(`${error.message} ${error.hint ?? ''}`).not.toContain('mxp_secretvalue');
    expect(error.hint).toMatch(/--with-token/);
  });
});
