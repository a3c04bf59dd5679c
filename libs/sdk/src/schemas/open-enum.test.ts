import { describe, expect, it } from 'vitest';
import { json, fakeClient } from '../../test/fake-fetch.js';
import { MaxApiError } from '../errors/error-classes.js';

/** A platform newer than this SDK: enum values the SDK does not know, in responses (ADR 0012). */
const app = (status: unknown) => ({
  id: 'app_1',
  name: 'web',
  network: 'prod',
  hostname: 'web.prod.localhost',
  url: 'http://web.prod.localhost:4080',
  description: null,
  health_check_path: '/',
  status,
  current_release: null,
  created_at: '2026-12-03T00:00:00Z',
  updated_at: '2026-12-03T00:00:00Z',
});

describe('response enums are open', () => {
  it('an app status the SDK does not know passes through as-is', async () => {
    const { client } = fakeClient({ token: 'mxp_x' }, json(200, app('hibernating')));
    const got = await client.apps.get('prod', 'web');
    expect(got.status).toBe('hibernating');
  });

  it('unknown values inside lists and nested objects pass too (event actor and target types)', async () => {
    const event = {
      id: 'evt_1',
      seq: 1,
      action: 'database.created',
      actor: { type: 'robot', id: 'r1', email: null },
      target: { type: 'database', id: 'db_1' },
      details: {},
      revertible: false,
      created_at: '2026-12-03T00:00:00Z',
    };
    const { client } = fakeClient({ token: 'mxp_x' }, json(200, { data: [event], next_cursor: null }));
    const events = [];
    for await (const item of client.events.list()) events.push(item);
    expect(events.map((e) => [e.actor.type, e.target.type])).toEqual([['robot', 'database']]);
  });

  it('a value of the wrong TYPE is still a malformed response', async () => {
    const { client } = fakeClient({ token: 'mxp_x', retry: false }, json(200, app(42)));
    await expect(client.apps.get('prod', 'web')).rejects.toSatisfy((e: unknown) => e instanceof MaxApiError && e.code === 'malformed_response');
  });
});
