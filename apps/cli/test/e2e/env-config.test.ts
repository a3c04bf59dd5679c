import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness, json, jsonError, type RigResult } from './harness.js';
import { expectJsonContract, expectJsonlContract } from './json-contract.js';

/**
 * Vars, secrets, the effective environment, the dashboard, config as code, history and revert — the built rig
 * against a real max-local. Secret values set here are registered with the harness, whose scan at the end checks
 * that none of them appears in any argv, stdout, stderr (including --verbose traces), URL or server log line.
 */

interface Var {
  key: string;
  value: string;
}
interface Secret {
  key: string;
  digest: string;
}
interface EnvEntry {
  key: string;
  source: string;
  value: string | null;
  digest?: string;
  overridden: string[];
}
interface Event {
  id: string;
  action: string;
  revertible?: boolean;
  details: Record<string, unknown>;
}
interface PlanChange {
  action: string;
  resource: string;
  network: string;
  app: string | null;
  key: string | null;
  fields: { name: string; before: string | null; after: string | null }[];
}

let h: Harness;
let configDir: string;
let apiToken: string;
/** Secret values the platform holds, by key, as the tests below set them (the import test re-enters them). */
const held = { dbUrl: '', pem: '', stripe: '' };
const rig = (...args: string[]) => h.rig(args, { configDir });
const rigIn = (stdin: string, ...args: string[]) => h.rig(args, { configDir, stdin });
const file = (name: string, content: string) => {
  const path = join(configDir, name);
  writeFileSync(path, content);
  return path;
};
const digest = (value: string) => `sha256:${createHash('sha256').update(value, 'utf8').digest('hex')}`;
/** Secret values: random, so a leak cannot be a coincidence; the harness scans for every one of them. */
const secretValue = (label: string) => {
  const value = `e2e-${label}-${randomBytes(12).toString('hex')}`;
  h.knownSecrets.add(value);
  return value;
};

function ok(result: RigResult): RigResult {
  expect(result.code, result.stderr).toBe(0);
  return result;
}

/** A request straight to the API (the "change made through the API" of the drift test; and the API view of env). */
async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${h.max.url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${apiToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(response.status, `${method} ${path}`).toBeLessThan(300);
  return (await response.json()) as T;
}

beforeAll(async () => {
  h = await Harness.start();
  configDir = h.configDir();
  await h.loginWithToken(configDir);
  apiToken = await h.apiToken();
  ok(await rig('create', 'network', 'shop'));
  ok(await rig('create', 'app', 'shop/web'));
});
afterAll(async () => {
  await h?.close();
});

describe('vars', () => {
  it('create var: several at once, one change; table and JSON', async () => {
    const table = ok(await rig('create', 'var', 'LOG_LEVEL=info', 'REGION=eu', '--network', 'shop'));
    expect(table.stdout).toBe('');
    expect(table.stderr).toContain('✓ Set LOG_LEVEL, REGION on network shop.');

    const asJson = ok(await rig('create', 'var', 'LOG_LEVEL=debug', 'URL=http://x/?a=b', '--app', 'shop/web', '--json'));
    const result = expectJsonContract<{ network: string; app: string; vars: Var[] }>('create var', asJson.stdout);
    expect(result).toMatchObject({ network: 'shop', app: 'web' });
    expect(result.vars.map((v) => [v.key, v.value])).toEqual([
      ['LOG_LEVEL', 'debug'],
      ['URL', 'http://x/?a=b'],
    ]);
    // One change, one event for both keys.
    const events = expectJsonContract<Event[]>('history', ok(await rig('history', '--app', 'shop/web', '--action', 'var.set', '--json')).stdout);
    expect(events).toHaveLength(1);
    expect(events[0]?.details['keys']).toEqual(['LOG_LEVEL', 'URL']);
  });

  it('status var: TSV, JSON and JSONL', async () => {
    expect(ok(await rig('status', 'var', '--network', 'shop')).stdout).toMatch(/^LOG_LEVEL\tinfo\t\S+\nREGION\teu\t\S+\n$/);
    const list = expectJsonContract<Var[]>('status var', ok(await rig('status', 'var', '--app', 'web', '-n', 'shop', '--json')).stdout);
    expect(list.map((v) => v.key)).toEqual(['LOG_LEVEL', 'URL']);
    expect(expectJsonlContract<Var>('status var', ok(await rig('status', 'var', '--network', 'shop', '-o', 'jsonl')).stdout).map((v) => v.key)).toEqual(['LOG_LEVEL', 'REGION']);
  });

  it('a malformed env file: every kind of error named by line, exit 6, and nothing applied', async () => {
    const bad = file(
      'bad.env',
      ['GOOD=1', 'lower=2', 'NO_EQUALS_SIGN', 'GOOD=again', 'QUOTED="x"trailing', 'UNCLOSED="never', 'closed'].join('\n'),
    );
    const table = await rig('create', 'var', '--from-env-file', bad, '--network', 'shop');
    expect(table).toMatchObject({ code: 6, stdout: '' });
    for (const line of ['line 2: invalid key', 'line 3: expected KEY=value', 'line 4: GOOD is already set on line 1', 'line 5: unexpected text', 'line 6: the double quote']) {
      expect(table.stderr).toContain(line);
    }
    expect(table.stderr).toContain('nothing was applied');
    const asJson = await rig('create', 'var', '--from-env-file', bad, '--network', 'shop', '--json');
    expect(asJson.code).toBe(6);
    const error = JSON.parse(asJson.stderr) as { error: { code: string; details: { errors: { line: number; problem: string }[] } } };
    expect(error.error.code).toBe('invalid_env_file');
    expect(error.error.details.errors.map((e) => [e.line, e.problem])).toEqual([
      [2, 'invalid_key'],
      [3, 'missing_equals'],
      [4, 'duplicate_key'],
      [5, 'unexpected_text'],
      [6, 'unterminated_quote'],
    ]);
    // GOOD (line 1 was fine) was not set: a malformed file applies nothing.
    const vars = json<Var[]>(ok(await rig('status', 'var', '--network', 'shop', '--json')).stdout);
    expect(vars.map((v) => v.key)).toEqual(['LOG_LEVEL', 'REGION']);
  });

  it('create var --from-env-file: quotes, escapes, multi-line values, export, comments', async () => {
    const good = file('good.env', '# settings\nexport GREETING="hello\\nworld"\nMOTD=\'a $literal\' # note\nPEM="-----BEGIN-----\nabc\n-----END-----"\n');
    ok(await rig('create', 'var', '--from-env-file', good, '--network', 'shop'));
    const vars = json<Var[]>(ok(await rig('status', 'var', '--network', 'shop', '--json')).stdout);
    expect(Object.fromEntries(vars.map((v) => [v.key, v.value]))).toMatchObject({
      GREETING: 'hello\nworld',
      MOTD: 'a $literal',
      PEM: '-----BEGIN-----\nabc\n-----END-----',
    });
  });

  it('delete var: atomic, absent keys ignored', async () => {
    const result = expectJsonContract<{ unset: string[] }>('delete var', ok(await rig('delete', 'var', 'GREETING', 'MOTD', 'NOT_THERE', '--network', 'shop', '--json')).stdout);
    expect(result.unset.sort()).toEqual(['GREETING', 'MOTD']);
    expect(json<Var[]>(ok(await rig('status', 'var', '--network', 'shop', '--json')).stdout).map((v) => v.key)).toEqual(['LOG_LEVEL', 'PEM', 'REGION']);
  });
});

describe('secrets', () => {
  it('create secret: value on stdin; only key and digest shown, also with --verbose', async () => {
    const dbUrl = secretValue('db');
    held.dbUrl = dbUrl;
    const table = ok(await rigIn(`${dbUrl}\n`, 'create', 'secret', 'DATABASE_URL', '--network', 'shop', '--verbose'));
    expect(table.stdout).toBe('');
    expect(table.stderr).toContain('✓ Set secret DATABASE_URL (sha256:');
    expect(table.stderr).toMatch(/^> POST .+\/networks\/shop\/secrets/m);
    const asJson = ok(await rigIn(dbUrl, 'create', 'secret', 'DATABASE_URL', '--app', 'shop/web', '--json', '-v'));
    const result = expectJsonContract<{ secrets: Secret[] }>('create secret', asJson.stdout);
    expect(result.secrets).toEqual([expect.objectContaining({ key: 'DATABASE_URL', digest: digest(dbUrl) })]);
  });

  it('create secret KEY=value is refused (exit 2) without repeating the value; nothing is set', async () => {
    const typed = secretValue('argv');
    const refused = await rig('create', 'secret', `API_KEY=${typed}`, '--network', 'shop');
    expect(refused).toMatchObject({ code: 2, stdout: '' });
    expect(refused.stderr).toContain('never takes a secret value on the command line');
    expect(refused.stderr).toContain('rig create secret API_KEY');
    expect(refused.stderr).not.toContain(typed);
    const extra = await rig('create', 'secret', 'API_KEY', typed, '--network', 'shop', '--json');
    expect(jsonError(extra.stderr)).toMatchObject({ code: 'usage', exit_code: 2 });
    expect(extra.stderr).not.toContain(typed);
    expect(json<Secret[]>(ok(await rig('status', 'secret', '--network', 'shop', '--json')).stdout).map((s) => s.key)).toEqual(['DATABASE_URL']);
    // This value really was typed into argv: drop it from the argv part of the scan (the harness records argv).
    h.knownSecrets.delete(typed);
  });

  it('create secret --from-file and --from-env-file (bulk, atomic); status secret shows digests', async () => {
    const pem = secretValue('pem');
    held.pem = pem;
    const dbUrl = held.dbUrl;
    ok(await rig('create', 'secret', 'TLS_KEY', '--from-file', file('key.pem', `${pem}\n`), '--app', 'shop/web'));
    const a = secretValue('a');
    const b = secretValue('b');
    held.stripe = a;
    const bulk = expectJsonContract<{ secrets: Secret[] }>(
      'create secret',
      ok(await rig('create', 'secret', '--from-env-file', file('secrets.env', `STRIPE_KEY=${a}\nexport MAIL_PASSWORD="${b}"\n`), '--network', 'shop', '-o', 'json')).stdout,
    );
    expect(bulk.secrets.map((s) => s.key).sort()).toEqual(['MAIL_PASSWORD', 'STRIPE_KEY']);
    const listed = expectJsonContract<Secret[]>('status secret', ok(await rig('status', 'secret', '--app', 'shop/web', '--json')).stdout);
    // --from-file keeps the file's bytes, trailing newline included.
    expect(listed).toEqual([expect.objectContaining({ key: 'DATABASE_URL', digest: digest(dbUrl) }), expect.objectContaining({ key: 'TLS_KEY', digest: digest(`${pem}\n`) })]);
    expect(ok(await rig('status', 'secret', '--network', 'shop')).stdout).toContain(`STRIPE_KEY\t${digest(a)}\t`);

    const bad = await rig('create', 'secret', '--from-env-file', file('bad-secrets.env', `NEW_ONE=${secretValue('new')}\nnot valid\n`), '--network', 'shop');
    expect(bad.code).toBe(6);
    expect(bad.stderr).toContain('line 2: expected KEY=value');
    expect(json<Secret[]>(ok(await rig('status', 'secret', '--network', 'shop', '--json')).stdout).map((s) => s.key)).not.toContain('NEW_ONE');
  });

  it('delete secret', async () => {
    const result = expectJsonContract<{ unset: string[] }>('delete secret', ok(await rig('delete', 'secret', 'MAIL_PASSWORD', '--network', 'shop', '--json')).stdout);
    expect(result.unset).toEqual(['MAIL_PASSWORD']);
  });
});

describe('details app: the effective environment', () => {
  it('network var, app var overriding it, secret, platform var — and the API agrees', async () => {
    const view = expectJsonContract<{ name: string; env: EnvEntry[] }>('details app', ok(await rig('details', 'app', 'shop/web', '--json')).stdout);
    const byKey = new Map(view.env.map((e) => [e.key, e]));
    expect(byKey.get('REGION')).toEqual({ key: 'REGION', source: 'network', value: 'eu', overridden: [] });
    expect(byKey.get('LOG_LEVEL')).toEqual({ key: 'LOG_LEVEL', source: 'app', value: 'debug', overridden: ['network'] });
    expect(byKey.get('DATABASE_URL')).toMatchObject({ source: 'secret', value: null, digest: expect.stringMatching(/^sha256:/) });
    expect(byKey.get('STRIPE_KEY')).toMatchObject({ source: 'secret', value: null });
    expect(byKey.get('PORT')).toMatchObject({ source: 'platform' });
    expect(byKey.get('MAX_APP')).toMatchObject({ source: 'platform', value: 'web' });

    expect(byKey.get('DATABASE_URL')?.digest).toBe(digest(held.dbUrl));
    expect(byKey.get('PORT')).toEqual({ key: 'PORT', source: 'platform', value: null, overridden: [] });
    // The digest comes with the env entries: one request for the app, one for its environment, nothing else.
    const before = h.requests.length;
    ok(await rig('details', 'app', 'shop/web', '--json'));
    expect(h.requests.slice(before).filter((r) => r.includes('/api/v1/') && !r.includes('/auth/')).sort()).toEqual([
      'GET /api/v1/networks/shop/apps/web',
      'GET /api/v1/networks/shop/apps/web/env',
    ]);

    const fromApi = await api<{ data: { key: string; source: string; value: string | null; digest: string | null; overridden: string[] }[] }>(
      'GET',
      '/networks/shop/apps/web/env',
    );
    expect(view.env).toEqual(fromApi.data.map(({ digest: d, ...entry }) => ({ ...entry, ...(d === null ? {} : { digest: d }) })));

    const table = ok(await rig('details', 'app', 'shop/web')).stdout;
    expect(table).toContain('name\tweb\n');
    expect(table).toContain('env\tLOG_LEVEL\tapp\tdebug\tnetwork\n');
    expect(table).toMatch(/env\tDATABASE_URL\tsecret\t\(secret sha256:[a-f0-9]{64}\)\t/);
    expect(table).toContain('env\tPORT\tplatform\t(set when a process starts)\t\n');
  });
});

describe('status dashboard', () => {
  it('one request; table and JSON', async () => {
    const before = h.requests.length;
    const dashboard = expectJsonContract<{ counts: { networks: number; apps: number }; apps: { name: string }[] }>(
      'status dashboard',
      ok(await rig('status', 'dashboard', '--json')).stdout,
    );
    expect(h.requests.slice(before).filter((r) => r.includes('/api/v1/') && !r.includes('/auth/'))).toEqual(['GET /api/v1/dashboard?events=10']);
    expect(dashboard.counts).toMatchObject({ networks: 1, apps: 1 });
    const table = ok(await rig('status', 'dashboard')).stdout;
    expect(table).toContain('1 network · 1 app');
    expect(table).toMatch(/shop\tweb\tcreated/);
  });
});

describe('config as code', () => {
  let exported: string;

  it('export → diff on an unchanged platform exits 0', async () => {
    exported = join(configDir, 'max.json');
    const result = ok(await rig('config', 'export', '--file', exported, '--json'));
    const document = expectJsonContract<{ networks: { name: string; secrets?: { key: string; digest?: string }[] }[] }>('config export', result.stdout);
    expect(JSON.parse(readFileSync(exported, 'utf8'))).toEqual(document);
    expect(document.networks[0]?.secrets).toEqual([
      { key: 'DATABASE_URL', digest: digest(held.dbUrl) },
      { key: 'STRIPE_KEY', digest: digest(held.stripe) },
    ]);
    // The exported file joins the leak scan (keys only, never values).
    h.transcript.push(`export file: ${readFileSync(exported, 'utf8')}`);

    const table = await rig('config', 'diff', exported);
    expect(table).toMatchObject({ code: 0 });
    expect(table.stdout).toContain('No changes');
    const asJson = await rig('config', 'diff', exported, '--json');
    expect(asJson.code).toBe(0);
    expect(expectJsonContract('config diff', asJson.stdout)).toMatchObject({ in_sync: true, changes: [], blockers: [] });
  });

  it('after a change through the API: exit 5 and exactly that change; apply restores it', async () => {
    await api('POST', '/networks/shop/vars', { vars: { REGION: 'us' } });
    const table = await rig('config', 'diff', exported);
    expect(table.code).toBe(5);
    expect(table.stdout).toContain('~ update var shop REGION');
    expect(table.stdout).toContain('value: "us" → "eu"');
    const diff = await rig('config', 'diff', exported, '-o', 'json');
    expect(diff.code).toBe(5);
    const plan = expectJsonContract<{ in_sync: boolean; changes: PlanChange[] }>('config diff', diff.stdout);
    expect(plan.in_sync).toBe(false);
    expect(plan.changes).toEqual([{ action: 'update', resource: 'var', network: 'shop', app: null, key: 'REGION', fields: [{ name: 'value', before: 'us', after: 'eu' }] }]);

    const refused = await rig('config', 'apply', exported);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('Pass --yes');
    const applied = expectJsonContract<{ applied: boolean }>('config apply', ok(await rig('config', 'apply', exported, '--yes', '--json')).stdout);
    expect(applied.applied).toBe(true);
    expect((await rig('config', 'diff', exported)).code).toBe(0);
  });

  it('a secret changed through the API: diff exits 5 showing exactly that key (no local values); apply with its value restores it', async () => {
    const changed = secretValue('api-changed');
    await api('POST', '/networks/shop/secrets', { secrets: { STRIPE_KEY: changed } });
    const table = await rig('config', 'diff', exported);
    expect(table.code).toBe(5);
    expect(table.stdout.split('\n').filter((line) => /^[+~-] /.test(line))).toEqual(['~ update secret shop STRIPE_KEY (value not shown)']);
    expect(table.stdout).toContain(`digest: "${digest(changed)}" → "${digest(held.stripe)}"`);
    const plan = expectJsonContract<{ in_sync: boolean; changes: PlanChange[]; blockers: { reason: string; key: string }[] }>(
      'config diff',
      (await rig('config', 'diff', exported, '--json')).stdout,
    );
    expect(plan.changes).toEqual([
      { action: 'update', resource: 'secret', network: 'shop', app: null, key: 'STRIPE_KEY', fields: [{ name: 'digest', before: digest(changed), after: digest(held.stripe) }] },
    ]);
    expect(plan.blockers.map((b) => [b.reason, b.key])).toEqual([['secret_changed', 'STRIPE_KEY']]);

    // Without the value apply cannot restore it; with it, the document and the value go in one apply request.
    const blocked = await rig('config', 'apply', exported, '--yes', '--json');
    expect(blocked.code).toBe(5);
    expect(jsonError(blocked.stderr)).toMatchObject({ code: 'plan_blocked', exit_code: 5 });
    const values = file('restore-secrets.env', `STRIPE_KEY=${held.stripe}\n`);
    const before = h.requests.length;
    const applied = expectJsonContract<{ applied: boolean; changes: PlanChange[] }>(
      'config apply',
      ok(await rig('config', 'apply', exported, '--secrets-from-env-file', values, '--yes', '--json')).stdout,
    );
    expect(applied).toMatchObject({ applied: true, changes: plan.changes });
    expect(h.requests.slice(before).filter((r) => r.includes('/api/v1/') && !r.includes('/auth/'))).toEqual(['POST /api/v1/config/plan?prune=false', 'POST /api/v1/config/apply']);
    const secrets = json<Secret[]>(ok(await rig('status', 'secret', '--network', 'shop', '--json')).stdout);
    expect(secrets.find((s) => s.key === 'STRIPE_KEY')?.digest).toBe(digest(held.stripe));
    expect((await rig('config', 'diff', exported)).code).toBe(0);
  });

  it('secrets by digest: a value must match the document’s digest; without one any value is accepted and a local value is a change', async () => {
    const local = secretValue('rotated');
    const values = file('apply-secrets.env', `STRIPE_KEY=${local}\n`);
    const mismatch = await rig('config', 'apply', exported, '--secrets-from-env-file', values, '--yes', '--json');
    expect(mismatch.code).toBe(6);
    expect(jsonError(mismatch.stderr)).toMatchObject({ code: 'validation_failed', exit_code: 6 });
    expect(mismatch.stderr).toContain('STRIPE_KEY');

    const doc = JSON.parse(readFileSync(exported, 'utf8')) as { networks: { secrets?: { key: string; digest?: string }[] }[] };
    const [shop] = doc.networks;
    if (shop) shop.secrets = (shop.secrets ?? []).map((s) => (s.key === 'STRIPE_KEY' ? { key: s.key } : s));
    const anyValue = file('any-value.json', JSON.stringify(doc));
    expect((await rig('config', 'diff', anyValue)).code).toBe(0);
    const diff = await rig('config', 'diff', anyValue, '--secrets-from-env-file', values);
    expect(diff.code).toBe(5);
    expect(diff.stdout).toContain('~ update secret shop STRIPE_KEY (value not shown)');
    ok(await rig('config', 'apply', anyValue, '--secrets-from-env-file', values, '--yes'));
    const secrets = json<Secret[]>(ok(await rig('status', 'secret', '--network', 'shop', '--json')).stdout);
    expect(secrets.find((s) => s.key === 'STRIPE_KEY')?.digest).toBe(digest(local));
    expect((await rig('config', 'diff', anyValue, '--secrets-from-env-file', values)).code).toBe(0);
    held.stripe = local;

    if (shop) shop.secrets = [...(shop.secrets ?? []), { key: 'MISSING_ONE' }];
    const blockedFile = file('blocked.json', JSON.stringify(doc));
    const blocked = await rig('config', 'apply', blockedFile, '--yes', '--json');
    expect(blocked.code).toBe(5);
    expect(jsonError(blocked.stderr)).toMatchObject({ code: 'plan_blocked', exit_code: 5 });
  });

  it('import: a fresh max-local reproduces the account from the export, secrets re-entered by name', async () => {
    const fresh = await Harness.start();
    try {
      const freshDir = fresh.configDir();
      await fresh.loginWithToken(freshDir);
      // The same values as on the source platform (the export pins their digests); TLS_KEY ends in a newline.
      for (const value of Object.values(held)) fresh.knownSecrets.add(value);
      const values = join(freshDir, 'values.env');
      writeFileSync(values, `STRIPE_KEY=${held.stripe}\nDATABASE_URL=${held.dbUrl}\nTLS_KEY="${held.pem}\\n"\n`);
      const source = join(freshDir, 'max.json');
      ok(await rig('config', 'export', '--file', source));
      const imported = await fresh.rig(['config', 'apply', source, '--secrets-from-env-file', values, '--yes', '--json'], { configDir: freshDir });
      expect(imported.code, imported.stderr).toBe(0);
      expect(expectJsonContract<{ applied: boolean }>('config apply', imported.stdout).applied).toBe(true);
      const again = await fresh.rig(['config', 'diff', source, '--secrets-from-env-file', values], { configDir: freshDir });
      expect(again.code, again.stdout).toBe(0);
      const reexported = JSON.parse(ok(await fresh.rig(['config', 'export'], { configDir: freshDir })).stdout) as unknown;
      expect(reexported).toEqual(JSON.parse(readFileSync(source, 'utf8')));
      fresh.assertNoSecretsLeaked();
    } finally {
      await fresh.close();
    }
  });
});

describe('history and revert', () => {
  it('history: filters, relative --since, JSONL', async () => {
    const all = expectJsonContract<Event[]>('history', ok(await rig('history', '--network', 'shop', '--since', '1h', '--json')).stdout);
    expect(all.length).toBeGreaterThan(3);
    const secretEvents = expectJsonlContract<Event>('history', ok(await rig('history', '--action', 'secret.', '-o', 'jsonl')).stdout);
    expect(secretEvents.length).toBeGreaterThan(0);
    expect(secretEvents.every((e) => e.action.startsWith('secret.'))).toBe(true);
    expect(json<Event[]>(ok(await rig('history', '--until', '2000-01-01T00:00:00Z', '--json')).stdout)).toEqual([]);
    expect(json<Event[]>(ok(await rig('history', '--limit', '2', '--json')).stdout)).toHaveLength(2);
    const table = ok(await rig('history', '--app', 'shop/web'));
    expect(table.stdout).toMatch(/\tvar\.set\t/);
    expect((await rig('history', '--since', 'yesterday')).code).toBe(2);
  });

  it('revert restores a var', async () => {
    ok(await rig('create', 'var', 'REGION=ap', '--network', 'shop'));
    const [event] = json<Event[]>(ok(await rig('history', '--network', 'shop', '--action', 'var.set', '--limit', '1', '--json')).stdout);
    expect(event?.revertible).toBe(true);
    const reverted = expectJsonContract<{ event: Event }>('revert', ok(await rig('revert', event?.id ?? '', '--json')).stdout);
    expect(reverted.event.details['reverts']).toBe(event?.id);
    const vars = json<Var[]>(ok(await rig('status', 'var', '--network', 'shop', '--json')).stdout);
    expect(vars.find((v) => v.key === 'REGION')?.value).toBe('eu');
  });

  it('revert restores a secret (by digest)', async () => {
    const before = json<Secret[]>(ok(await rig('status', 'secret', '--network', 'shop', '--json')).stdout).find((s) => s.key === 'STRIPE_KEY');
    ok(await rigIn(secretValue('next'), 'create', 'secret', 'STRIPE_KEY', '--network', 'shop'));
    const [event] = json<Event[]>(ok(await rig('history', '--network', 'shop', '--action', 'secret.set', '--limit', '1', '--json')).stdout);
    const table = ok(await rig('revert', event?.id ?? ''));
    expect(table.stderr).toContain(`✓ Reverted ${event?.id ?? ''}`);
    const after = json<Secret[]>(ok(await rig('status', 'secret', '--network', 'shop', '--json')).stdout).find((s) => s.key === 'STRIPE_KEY');
    expect(after?.digest).toBe(before?.digest);
  });
});

it('every JSON output of this file satisfies its published schema (and every new command was checked)', () => {
  h.assertJsonContracts();
  const checked = h.jsonContractCommands();
  for (const command of ['create var', 'delete var', 'status var', 'create secret', 'delete secret', 'status secret', 'details app', 'status dashboard', 'config export', 'config diff', 'config apply', 'history', 'revert']) {
    expect(checked.has(command), command).toBe(true);
  }
});

it('no secret value and no token leaked: not in any argv, stdout, stderr, --verbose trace, event, export, URL or server log line', () => {
  expect(h.knownSecrets.size).toBeGreaterThan(5);
  h.assertNoSecretsLeaked();
});
