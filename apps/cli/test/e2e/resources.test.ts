import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort, Harness, json, jsonError, type RigResult } from './harness.js';

interface Network {
  id: string;
  name: string;
  description: string | null;
  app_count: number;
  created_at: string;
}
interface App {
  name: string;
  network: string;
  hostname: string;
  url: string;
  health_check_path: string;
  description: string | null;
  status: string;
}

let h: Harness;
let configDir: string;
const rig = (...args: string[]) => h.rig(args, { configDir });

beforeAll(async () => {
  h = await Harness.start();
  configDir = h.configDir();
  await h.loginWithToken(configDir);
});
afterAll(async () => {
  await h?.close();
});

/** A successful command's result: exit 0, and (human mode) a confirmation on stderr. */
function ok(result: RigResult): RigResult {
  expect(result.code, result.stderr).toBe(0);
  return result;
}

const ISO = '\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z';

describe('networks', () => {
  it('create network: confirmation on stderr, nothing on stdout (table); the Network as JSON (json)', async () => {
    const table = ok(await rig('create', 'network', 'alpha', '--description', 'first one'));
    expect(table.stdout).toBe('');
    expect(table.stderr).toBe('✓ Created network alpha.\n');

    const asJson = ok(await rig('--json', 'create', 'network', 'beta'));
    expect(json<Network>(asJson.stdout)).toMatchObject({ name: 'beta', description: null, app_count: 0 });
    expect(asJson.stderr).toBe('');
  });

  it('duplicate name: conflict (exit 5)', async () => {
    const table = await rig('create', 'network', 'alpha');
    expect(table).toMatchObject({ code: 5, stdout: '' });
    expect(table.stderr).toMatch(/^Error: .+\n/);
    expect(table.stderr).toContain('exit-codes.md#exit-5');
    const asJson = await rig('create', 'network', 'alpha', '-o', 'json');
    expect(asJson).toMatchObject({ code: 5, stdout: '' });
    expect(jsonError(asJson.stderr)).toMatchObject({ code: 'conflict', exit_code: 5, request_id: expect.any(String) });
  });

  it('invalid name: rejected input (exit 6)', async () => {
    const table = await rig('create', 'network', 'Bad_Name');
    expect(table).toMatchObject({ code: 6, stdout: '' });
    expect(table.stderr).toMatch(/^Error: /);
    const asJson = await rig('create', 'network', 'Bad_Name', '--json');
    expect(asJson.code).toBe(6);
    expect(jsonError(asJson.stderr)).toMatchObject({ code: 'validation_failed', exit_code: 6 });
  });

  it('status network (list): TSV when piped, JSON array, JSONL, filter and sort', async () => {
    const table = ok(await rig('status', 'network'));
    expect(table.stdout).toMatch(new RegExp(`^alpha\\t0\\t${ISO}\\tfirst one\\nbeta\\t0\\t${ISO}\\t\\n$`));
    expect(table.stderr).toBe('');

    const asJson = json<Network[]>(ok(await rig('status', 'network', '-o', 'json')).stdout);
    expect(asJson.map((n) => n.name)).toEqual(['alpha', 'beta']);

    const lines = ok(await rig('status', 'network', '-o', 'jsonl')).stdout.trimEnd().split('\n');
    expect(lines.map((l) => (JSON.parse(l) as Network).name)).toEqual(['alpha', 'beta']);

    expect(json<Network[]>(ok(await rig('status', 'network', '--json', '--sort', '-name')).stdout).map((n) => n.name)).toEqual(['beta', 'alpha']);
    expect(json<Network[]>(ok(await rig('status', 'network', '--json', '--filter', 'alp')).stdout).map((n) => n.name)).toEqual(['alpha']);

    const none = ok(await rig('status', 'network', '--filter', 'zzz'));
    expect(none.stdout).toBe('');
    expect(none.stderr).toBe('No networks match "zzz".\n');
    expect(ok(await rig('status', 'network', '--filter', 'zzz', '--json')).stdout).toBe('[]\n');
  });

  it('status network <name> and details network <name>', async () => {
    expect(ok(await rig('status', 'network', 'alpha')).stdout).toMatch(new RegExp(`^alpha\\t0\\t${ISO}\\tfirst one\\n$`));
    expect(json<Network>(ok(await rig('status', 'network', 'alpha', '--json')).stdout)).toMatchObject({ name: 'alpha', description: 'first one' });

    const details = ok(await rig('details', 'network', 'alpha')).stdout;
    expect(details).toMatch(/^name\talpha\nid\t\S+\ndescription\tfirst one\napp_count\t0\ncreated_at\t\S+\nupdated_at\t\S+\n$/);
    expect(json<Network>(ok(await rig('details', 'network', 'alpha', '-o', 'json')).stdout)).toMatchObject({ name: 'alpha', app_count: 0 });
  });

  it('a network that does not exist: not found (exit 4)', async () => {
    for (const args of [['status', 'network', 'nope'], ['details', 'network', 'nope']]) {
      const table = await rig(...args);
      expect(table).toMatchObject({ code: 4, stdout: '' });
      expect(table.stderr).toContain('exit-codes.md#exit-4');
      const asJson = await rig(...args, '--json');
      expect(jsonError(asJson.stderr)).toMatchObject({ code: 'not_found', exit_code: 4 });
    }
  });
});

describe('apps', () => {
  it('create app <network>/<app>: the URL on stdout, a confirmation on stderr', async () => {
    const result = ok(await rig('create', 'app', 'alpha/web'));
    expect(result.stdout).toMatch(/^http:\/\/web\.alpha\.localhost:\d+\/?\n$/);
    expect(result.stderr).toBe('✓ Created app alpha/web (web.alpha.localhost).\n');
  });

  it('create app <app> --network: the App as JSON', async () => {
    const result = ok(await rig('create', 'app', 'api', '--network', 'alpha', '--health-check-path', '/healthz', '--json'));
    expect(json<App>(result.stdout)).toMatchObject({ name: 'api', network: 'alpha', hostname: 'api.alpha.localhost', health_check_path: '/healthz', status: 'created' });
  });

  it('create app failures: duplicate (5), invalid name (6), unknown network (4), no network given (2)', async () => {
    expect((await rig('create', 'app', 'alpha/web')).code).toBe(5);
    expect(jsonError((await rig('create', 'app', 'alpha/Web_1', '--json')).stderr)).toMatchObject({ exit_code: 6, code: 'validation_failed' });
    expect((await rig('create', 'app', 'nope/web')).code).toBe(4);
    const usage = await rig('create', 'app', 'web');
    expect(usage).toMatchObject({ code: 2, stdout: '' });
    expect(usage.stderr).toContain('Which network is the app "web" in?');
  });

  it('status app: all networks, one network, one app', async () => {
    const all = ok(await rig('status', 'app'));
    expect(all.stdout.trimEnd().split('\n').map((l) => l.split('\t').slice(0, 3).join(' '))).toEqual(['alpha api created', 'alpha web created']);
    const byNetwork = json<App[]>(ok(await rig('status', 'app', '--network', 'alpha', '--json')).stdout);
    expect(byNetwork.map((a) => a.name)).toEqual(['api', 'web']);
    expect(ok(await rig('status', 'app', '--network', 'beta')).stderr).toContain('No apps in beta yet.');
    expect(ok(await rig('status', 'app', '--network', 'beta', '-o', 'jsonl')).stdout).toBe('');
    expect(ok(await rig('status', 'app', 'alpha/web')).stdout).toMatch(/^alpha\tweb\tcreated\t\thttp:\/\/web\.alpha\.localhost:\d+\/?\t\S+\n$/);
    expect(json<App>(ok(await rig('status', 'app', 'web', '--network', 'alpha', '--json')).stdout)).toMatchObject({ name: 'web', network: 'alpha' });
    expect((await rig('status', 'app', 'alpha/nope')).code).toBe(4);
  });

  it('details app', async () => {
    const table = ok(await rig('details', 'app', 'alpha/api')).stdout;
    expect(table).toContain('hostname\tapi.alpha.localhost\n');
    expect(table).toContain('health_check_path\t/healthz\n');
    expect(json<App>(ok(await rig('details', 'app', 'alpha/api', '--json')).stdout)).toMatchObject({ name: 'api', health_check_path: '/healthz' });
    expect(jsonError((await rig('details', 'app', 'alpha/nope', '--json')).stderr)).toMatchObject({ exit_code: 4 });
  });

  it('update app', async () => {
    const table = ok(await rig('update', 'app', 'alpha/web', '--description', 'public site'));
    expect(table).toMatchObject({ stdout: '', stderr: '✓ Updated app alpha/web.\n' });
    const asJson = ok(await rig('update', 'app', 'web', '-n', 'alpha', '--health-check-path', '/up', '--json'));
    expect(json<App>(asJson.stdout)).toMatchObject({ name: 'web', description: 'public site', health_check_path: '/up' });
    const nothing = await rig('update', 'app', 'alpha/web');
    expect(nothing).toMatchObject({ code: 2, stdout: '' });
    expect(nothing.stderr).toContain('Nothing to update.');
    expect((await rig('update', 'app', 'alpha/nope', '--description', 'x')).code).toBe(4);
  });

  it('delete app: refuses without a terminal unless --yes (exit 2), then deletes', async () => {
    const refused = await rig('delete', 'app', 'alpha/api');
    expect(refused).toMatchObject({ code: 2, stdout: '' });
    expect(refused.stderr).toContain('Refusing to delete the app "api"');
    expect(refused.stderr).toContain('Pass --yes');
    expect(jsonError((await rig('delete', 'app', 'alpha/api', '--json')).stderr)).toMatchObject({ code: 'usage', exit_code: 2, hint: 'Pass --yes to confirm.' });

    const deleted = ok(await rig('delete', 'app', 'alpha/api', '--yes'));
    expect(deleted).toMatchObject({ stdout: '', stderr: '✓ Deleted app alpha/api.\n' });
    expect((await rig('details', 'app', 'alpha/api')).code).toBe(4);
    expect((await rig('delete', 'app', 'alpha/api', '--yes')).code).toBe(4);
  });

  it('delete network: not empty without --force (5); with --force --yes the apps go too', async () => {
    expect((await rig('delete', 'network', 'alpha')).code).toBe(2);
    const notEmpty = await rig('delete', 'network', 'alpha', '-y');
    expect(notEmpty.code).toBe(5);
    expect(notEmpty.stderr).toContain('--force');
    expect(jsonError((await rig('delete', 'network', 'alpha', '-y', '--json')).stderr)).toMatchObject({ code: 'network_not_empty', exit_code: 5 });

    const deleted = ok(await rig('delete', 'network', 'alpha', '--force', '--yes', '--json'));
    expect(json(deleted.stdout)).toEqual({ name: 'alpha', deleted: true });
    const gone = ok(await rig('delete', 'network', 'beta', '-y'));
    expect(gone.stderr).toBe('✓ Deleted network beta.\n');
    expect(ok(await rig('status', 'network', '--json')).stdout).toBe('[]\n');
    expect((await rig('delete', 'network', 'alpha', '-y')).code).toBe(4);
  });
});

describe('failure classes', () => {
  it('platform down: exit 7 in table and JSON mode', async () => {
    const port = await closedPort();
    const table = await rig('status', 'network', '--api-url', `http://127.0.0.1:${port}`);
    // Not logged in to that URL: the login check comes first (3); with a token, the connection fails (7).
    expect(table.code).toBe(3);
    const token = await h.apiToken();
    const down = await h.rig(['status', 'network', '--api-url', `http://127.0.0.1:${port}`], { configDir, env: { RIG_TOKEN: token } });
    expect(down).toMatchObject({ code: 7, stdout: '' });
    expect(down.stderr).toContain(`Is Max running at http://127.0.0.1:${port}?`);
    const asJson = await h.rig(['status', 'network', '--json'], { configDir, env: { RIG_TOKEN: token }, apiUrl: `http://127.0.0.1:${port}` });
    expect(asJson.code).toBe(7);
    expect(jsonError(asJson.stderr)).toMatchObject({ code: 'connection_failed', exit_code: 7 });
  });

  it('usage errors: exit 2 with did-you-mean, unknown flags too', async () => {
    const typo = await rig('crate', 'network', 'x');
    expect(typo).toMatchObject({ code: 2, stdout: '' });
    expect(typo.stderr).toContain('Did you mean `rig create network`?');
    const flag = await rig('status', 'network', '--colour');
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('Unknown flag --colour');
    expect(jsonError((await rig('status', 'network', '--sort', 'size', '--json')).stderr)).toMatchObject({ code: 'usage', exit_code: 2 });
  });

  it('--verbose: the redacted HTTP trace on stderr, stdout unchanged', async () => {
    const result = ok(await rig('status', 'network', '--verbose', '--json'));
    expect(result.stdout).toBe('[]\n');
    expect(result.stderr).toMatch(/^> GET http:\/\/127\.0\.0\.1:\d+\/api\/v1\/networks/m);
    expect(result.stderr).toMatch(/^< 200 GET .+ ms/m);
  });

  it('--version and --help from the built binary', async () => {
    expect(ok(await rig('--version')).stdout).toMatch(/^rig \d+\.\d+\.\d+\n$/);
    // `rig --version` alone is answered by the bin before main() loads; any other form goes through main().
    expect(ok(await rig('--version')).stdout).toBe(ok(await rig('--version', '--no-color')).stdout);
    expect(json<{ version: string }>(ok(await h.rig(['--version'], { configDir, env: { RIG_OUTPUT: 'json' } })).stdout).version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(ok(await rig('create', 'app', '--help')).stdout).toContain('Examples:');
  });
});

describe('status app at scale', () => {
  it('across 40 networks is one request (not one per network), in network then app order', async () => {
    const token = await h.apiToken();
    const post = async (path: string, body: unknown): Promise<void> => {
      const res = await fetch(`${h.apiUrl}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect(res.status, path).toBe(201);
    };
    const networks = Array.from({ length: 40 }, (_, i) => `scale-${String(i).padStart(2, '0')}`);
    for (const network of networks) {
      await post('/api/v1/networks', { name: network });
      await post(`/api/v1/networks/${network}/apps`, { name: 'web' });
    }
    const result = ok(await rig('status', 'app', '--verbose', '--json'));
    const requests = result.stderr.split('\n').filter((line) => line.startsWith('> '));
    expect(requests, result.stderr).toHaveLength(1);
    expect(requests[0]).toMatch(/^> GET http:\/\/127\.0\.0\.1:\d+\/api\/v1\/apps\?limit=5000$/);
    const apps = json<App[]>(result.stdout).filter((a) => a.network.startsWith('scale-'));
    expect(apps.map((a) => `${a.network}/${a.name}`)).toEqual(networks.map((n) => `${n}/web`));
    // --network keeps to one network, still one request.
    const one = ok(await rig('status', 'app', '--network', 'scale-07', '--verbose', '--json'));
    expect(one.stderr.split('\n').filter((line) => line.startsWith('> '))).toHaveLength(1);
    expect(json<App[]>(one.stdout).map((a) => `${a.network}/${a.name}`)).toEqual(['scale-07/web']);
    expect((await rig('status', 'app', '--network', 'scale-none')).code).toBe(4);
  }, 60_000);
});

it('every JSON output of this file satisfies its published schema', () => {
  h.assertJsonContracts();
});

it('leaks no token: not in any argv, stdout, stderr, URL or server log line', () => {
  h.assertNoSecretsLeaked();
});
