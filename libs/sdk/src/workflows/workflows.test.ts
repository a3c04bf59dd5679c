import { describe, expect, it } from 'vitest';
import type { LogReadItem } from '../resources/log-read.js';
import type { LogTarget } from '../resources/log-target.js';
import type { ConfigDocument, Plan, Release } from '../types.js';
import { MaxAppRefError, formatAppRef, parseAppRef } from './app-ref.js';
import { applyPlan, formatPlan, MaxConfigDocumentError, parseConfigDocument, planDocument, secretValuesFor } from './config-plan.js';
import { describeDeployFailure, readFailureLog, type DeployOutcomeFacts } from './deploy-failure.js';
import { classifyDeployment, classifyRelease, outcomeExitCode, type DeployOutcome } from './deploy-outcome.js';
import { toEffectiveEnvEntry } from './effective-env.js';
import { formatBytes, formatDuration } from './format-units.js';
import { waitForRelease } from './wait-for-release.js';

describe('parseAppRef', () => {
  it.each([
    ['prod/web', undefined, { network: 'prod', app: 'web' }],
    ['web', 'prod', { network: 'prod', app: 'web' }],
    ['prod/web', 'prod', { network: 'prod', app: 'web' }],
  ])('%s with network %s', (ref, network, expected) => {
    expect(parseAppRef(ref, network)).toEqual(expected);
    expect(formatAppRef(expected)).toBe('prod/web');
  });

  it.each([
    ['web', undefined, /Which network/, /--network/],
    ['/web', undefined, /not an app reference/, /<network>\/<app>/],
    ['prod/', undefined, /not an app reference/, /.+/],
    ['a/b/c', undefined, /not an app reference/, /.+/],
    ['prod/web', 'staging', /names the network "prod", but --network says "staging"/, /only one/],
  ])('refuses %s (network %s)', (ref, network, message, hint) => {
    let caught: unknown;
    try {
      parseAppRef(ref, network);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(MaxAppRefError);
    const error = caught as MaxAppRefError;
    expect(error.code).toBe('invalid_app_ref');
    expect(error.message).toMatch(message);
    expect(error.hint).toMatch(hint);
  });

  it('names the caller’s word for the network in its hint', () => {
    expect(() => parseAppRef('web', undefined, 'the network input')).toThrow(MaxAppRefError);
    try {
      parseAppRef('web', undefined, 'the network input');
    } catch (error) {
      expect((error as MaxAppRefError).hint).toContain('the network input');
    }
  });
});

describe('outcome classification', () => {
  it.each([
    ['running', null, 'live'],
    ['rolled_back', { stage: 'release', reason: 'crashed_after_release', message: 'x' }, 'rolled_back'],
    ['cancelled', null, 'cancelled'],
    ['failed', { stage: 'build', reason: 'build_failed', message: 'npm exited 1' }, 'build_failed'],
    ['failed', { stage: 'release', reason: 'health_check_failed', message: 'x' }, 'health_check_failed'],
    ['failed', { stage: 'release', reason: 'start_failed', message: 'x' }, 'health_check_failed'],
    ['failed', { stage: 'release', reason: 'crashed_after_release', message: 'x' }, 'health_check_failed'],
    ['failed', { stage: 'release', reason: 'internal_error', message: 'x' }, 'failed'],
    ['failed', null, 'failed'],
    ['building', null, undefined],
  ] as const)('%s / %o → %s', (state, failure, outcome) => {
    expect(classifyDeployment(state, failure)).toBe(outcome);
  });

  it('a release that did not settle in time timed out; a failed one is unhealthy', () => {
    expect(classifyRelease(undefined)).toBe('timed_out');
    expect(classifyRelease({ state: 'failed' })).toBe('health_check_failed');
    expect(classifyRelease({ state: 'active' })).toBe('live');
  });

  it('maps outcomes to the documented exit codes', () => {
    const codes: Record<DeployOutcome, number> = {
      live: 0, submitted: 0, build_failed: 10, health_check_failed: 11, rolled_back: 12, timed_out: 20, failed: 1, cancelled: 1,
    };
    for (const [outcome, code] of Object.entries(codes)) expect(outcomeExitCode(outcome as DeployOutcome)).toBe(code);
  });
});

describe('describeDeployFailure', () => {
  const target = { network: 'prod', app: 'web' };
  const facts = (outcome: DeployOutcome, extra: Partial<DeployOutcomeFacts> = {}): DeployOutcomeFacts => ({
    outcome, deploymentId: 'dep_1', state: 'failed', release: 4, failure: null, ...extra,
  });

  it('says nothing for a deploy that went live or was only submitted', () => {
    expect(describeDeployFailure(facts('live'), target, { timeoutMs: 1 })).toBeUndefined();
    expect(describeDeployFailure(facts('submitted'), target, { timeoutMs: 1 })).toBeUndefined();
  });

  it('names the build log for a failed build, with the platform’s reason', () => {
    const d = describeDeployFailure(facts('build_failed', { failure: { stage: 'build', reason: 'build_failed', message: 'npm exited with 1.' } }), target, { timeoutMs: 1 });
    expect(d).toMatchObject({ code: 'build_failed', log: 'build' });
    expect(d?.message).toBe('The build of deployment dep_1 failed: npm exited with 1. The previous release keeps serving.');
  });

  it('tells a crash after release from a release that never became healthy', () => {
    const crashed = describeDeployFailure(facts('health_check_failed', { failure: { stage: 'release', reason: 'crashed_after_release', message: 'exit 1' } }), target, { timeoutMs: 1 });
    expect(crashed).toMatchObject({ code: 'crashed_after_release', log: 'app' });
    expect(crashed?.message).toContain('Release v4 of prod/web');
    const unhealthy = describeDeployFailure(facts('health_check_failed', { failure: { stage: 'release', reason: 'health_check_failed', message: 'no answer' } }), target, { timeoutMs: 1 });
    expect(unhealthy).toMatchObject({ code: 'health_check_failed', log: 'app' });
    expect(unhealthy?.message).toContain('never became healthy: no answer');
  });

  it('describes rollback, timeout, cancel and other failures', () => {
    expect(describeDeployFailure(facts('rolled_back'), target, { timeoutMs: 1 })).toMatchObject({ code: 'rolled_back', log: 'app' });
    const timedOut = describeDeployFailure(facts('timed_out', { state: 'building' }), target, { timeoutMs: 125_000 });
    expect(timedOut).toMatchObject({ code: 'timed_out', log: null });
    expect(timedOut?.message).toContain('Stopped waiting after 2m05s: deployment dep_1 of prod/web is still building');
    expect(describeDeployFailure(facts('cancelled'), target, { timeoutMs: 1 })).toMatchObject({ code: 'cancelled', log: null });
    expect(describeDeployFailure(facts('failed'), target, { timeoutMs: 1 })).toMatchObject({ code: 'deploy_failed' });
  });

  it('reads the tail of the log the description names', async () => {
    const asked: { target: LogTarget; tail: number | undefined }[] = [];
    const client = {
      logs: {
        read: async function* (logTarget: LogTarget, options?: { tail?: number }): AsyncGenerator<LogReadItem> {
          asked.push({ target: logTarget, tail: options?.tail });
          yield { type: 'gap', fromSeq: 1, toSeq: 3, reason: 'retention' };
          yield { type: 'line', line: { seq: 4, ts: '2026-12-03T00:00:00Z', stream: 'stderr', source: 'build', line: 'npm ERR! missing script' } };
        },
      },
    };
    expect(await readFailureLog(client, 'dep_1', target, { log: 'build' }, { lines: 50 })).toEqual([
      '… 3 earlier lines are no longer kept (retention) …',
      'npm ERR! missing script',
    ]);
    await readFailureLog(client, 'dep_1', target, { log: 'app' });
    expect(asked).toEqual([{ target: { deployment: 'dep_1' }, tail: 50 }, { target: { network: 'prod', app: 'web' }, tail: 50 }]);
    expect(await readFailureLog(client, 'dep_1', target, { log: null })).toEqual([]);
    expect(asked).toHaveLength(2);
  });
});

describe('waitForRelease', () => {
  const release = (state: Release['state']): Release => ({ version: 3, state } as Release);

  it('asks until the release leaves pending', async () => {
    const states: Release['state'][] = ['pending', 'pending', 'active'];
    let calls = 0;
    const client = { releases: { get: async () => release(states[calls++] ?? 'active') } };
    expect((await waitForRelease(client, 'prod', 'web', 3, { timeoutMs: 60_000, intervalMs: 1 }))?.state).toBe('active');
    expect(calls).toBe(3);
  });

  it('resolves undefined when the deadline passes first', async () => {
    const client = { releases: { get: async () => release('pending') } };
    expect(await waitForRelease(client, 'prod', 'web', 3, { timeoutMs: 5, intervalMs: 1 })).toBeUndefined();
  });

  it('stops when the signal aborts', async () => {
    const controller = new AbortController();
    const client = { releases: { get: async () => (controller.abort(new Error('stop')), release('pending')) } };
    await expect(waitForRelease(client, 'prod', 'web', 3, { timeoutMs: 60_000, signal: controller.signal })).rejects.toThrow('stop');
  });
});

describe('config plan', () => {
  const document: ConfigDocument = {
    version: 1,
    networks: [{ name: 'prod', secrets: [{ key: 'DB_URL' }], apps: [{ name: 'web', secrets: [{ key: 'API_KEY' }, { key: 'OTHER' }] }] }],
  } as unknown as ConfigDocument;

  it('sends only the values the document lists, by scope', () => {
    const values = new Map([['DB_URL', 'postgres://x'], ['API_KEY', 'k'], ['UNLISTED', 'u']]);
    expect(secretValuesFor(document, values)).toEqual({ prod: { DB_URL: 'postgres://x' }, 'prod/web': { API_KEY: 'k' } });
    expect(secretValuesFor(document, new Map())).toBeUndefined();
  });

  it('parses JSON objects only', () => {
    expect(parseConfigDocument('{"version":1,"networks":[]}', 'max.json')).toEqual({ version: 1, networks: [] });
    expect(() => parseConfigDocument('{', 'max.json')).toThrow(MaxConfigDocumentError);
    expect(() => parseConfigDocument('[]', 'max.json')).toThrow(/max.json is not a config document/);
  });

  it('plans with the values and applies exactly the reviewed plan', async () => {
    const plan = { digest: 'sha256:plan', changes: [], blockers: [], summary: { create: 0, update: 0, delete: 0 } } as unknown as Plan;
    const calls: unknown[] = [];
    const client = {
      config: {
        plan: async (...args: unknown[]) => (calls.push(['plan', ...args]), plan),
        apply: async (...args: unknown[]) => (calls.push(['apply', ...args]), { plan, releases: [] }),
      },
    };
    const planned = await planDocument(client, document, { prune: true, values: new Map([['API_KEY', 'k']]) });
    expect(planned.secretValues).toEqual({ 'prod/web': { API_KEY: 'k' } });
    await applyPlan(client, document, planned, { prune: true });
    expect(calls).toEqual([
      ['plan', document, { prune: true, secretValues: { 'prod/web': { API_KEY: 'k' } } }, {}],
      ['apply', document, { planDigest: 'sha256:plan', prune: true, secretValues: { 'prod/web': { API_KEY: 'k' } } }, {}],
    ]);
  });

  it('formats a plan without secret values', () => {
    const text = formatPlan({
      changes: [
        { action: 'create', resource: 'secret', network: 'prod', app: 'web', key: 'API_KEY', fields: [{ name: 'digest', before: null, after: 'sha256:ab' }] },
        { action: 'delete', resource: 'var', network: 'prod', app: null, key: 'OLD', fields: [] },
      ],
      blockers: [{ message: 'secret X has no value' }],
      summary: { create: 1, update: 0, delete: 1 },
    } as never);
    expect(text).toBe(
      '+ create secret prod/web API_KEY (value not shown)\n    digest: null → "sha256:ab"\n- delete var prod OLD\n! blocked: secret X has no value\nPlan: 1 to create, 0 to update, 1 to delete.\n',
    );
    expect(formatPlan({ changes: [], blockers: [], summary: { create: 0, update: 0, delete: 0 } })).toBe('No changes: the platform matches the document.\n');
  });
});

describe('effective env and units', () => {
  it('never carries a secret’s value', () => {
    expect(toEffectiveEnvEntry({ key: 'K', source: 'secret', value: 'leak', digest: 'sha256:1', overridden: ['network'] } as never)).toEqual({
      key: 'K', source: 'secret', value: null, digest: 'sha256:1', overridden: ['network'],
    });
    expect(toEffectiveEnvEntry({ key: 'L', source: 'app', value: 'debug', digest: null, overridden: [] } as never)).toEqual({
      key: 'L', source: 'app', value: 'debug', overridden: [],
    });
  });

  it('formats durations and sizes', () => {
    expect([formatDuration(7), formatDuration(125), formatDuration(3720)]).toEqual(['7s', '2m05s', '1h02m']);
    expect([formatBytes(512), formatBytes(1536), formatBytes(200 * 1024 * 1024)]).toEqual(['512 B', '1.5 KiB', '200 MiB']);
  });
});
