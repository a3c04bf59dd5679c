import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiError, createFakeFetch, json, type Responder, fakeClient } from '../../test/fake-fetch.js';
import * as wire from '../../test/wire-fixtures.js';
import { MaxClient } from '../client.js';
import { MaxAbortError, MaxAuthenticationError } from '../errors/error-classes.js';
import type { DevicePollProgress } from './auth.js';

const clientWith = (...responders: Responder[]) => fakeClient({}, ...responders);

/** Fake-clock seconds at which each request was made. */
function pollTimes(start: number, times: number[]) {
  return times.map((t) => (t - start) / 1000);
}

describe('auth.waitForDeviceToken', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('polls at the interval, adds 5 s on slow_down for good, and resolves with the tokens', async () => {
    const times: number[] = [];
    const stamp =
      (responder: Responder): Responder =>
      (request) => {
        times.push(Date.now());
        return responder(request);
      };
    const { client, fake } = clientWith(
      stamp(apiError(400, 'authorization_pending')),
      stamp(apiError(400, 'slow_down')),
      stamp(apiError(400, 'authorization_pending')),
      stamp(json(200, wire.tokens)),
    );
    const progress: DevicePollProgress[] = [];
    const result = client.auth.waitForDeviceToken(wire.deviceAuthorization, { onPoll: (p) => progress.push(p) });
    await vi.advanceTimersByTimeAsync(31_000);
    await expect(result).resolves.toEqual(wire.tokens);
    expect(pollTimes(0, times)).toEqual([5, 10, 20, 30]);
    expect(progress).toEqual([
      { attempt: 1, code: 'authorization_pending', nextPollInMs: 5000 },
      { attempt: 2, code: 'slow_down', nextPollInMs: 10_000 },
      { attempt: 3, code: 'authorization_pending', nextPollInMs: 10_000 },
    ]);
    expect(fake.requests.every((r) => JSON.stringify(r.body) === JSON.stringify({ device_code: 'SECRETdevicecode' }))).toBe(true);
  });

  it('stops at expiry with expired_token, without polling past it', async () => {
    const { client, fake } = clientWith(apiError(400, 'authorization_pending'), apiError(400, 'authorization_pending'));
    const result = client.auth.waitForDeviceToken({ ...wire.deviceAuthorization, expires_in: 12 });
    const settled = result.catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(12_000);
    const error = await settled;
    expect(error).toBeInstanceOf(MaxAuthenticationError);
    expect(error).toMatchObject({ code: 'expired_token' });
    expect(fake.requests).toHaveLength(2);
  });

  it.each(['access_denied', 'expired_token'])('ends on %s from the server', async (code) => {
    const { client, fake } = clientWith(apiError(400, code));
    const settled = client.auth.waitForDeviceToken(wire.deviceAuthorization).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(await settled).toMatchObject({ name: 'MaxAuthenticationError', code, status: 400 });
    expect(fake.requests).toHaveLength(1);
  });

  it('can be aborted while waiting', async () => {
    const { client, fake } = clientWith(apiError(400, 'authorization_pending'), json(200, wire.tokens));
    const controller = new AbortController();
    const settled = client.auth
      .waitForDeviceToken(wire.deviceAuthorization, { signal: controller.signal })
      .catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(7_000);
    controller.abort();
    expect(await settled).toBeInstanceOf(MaxAbortError);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(fake.requests).toHaveLength(1);
  });

  it('uses 5 s when the server gives no interval', async () => {
    const { client, fake } = clientWith(json(200, wire.tokens));
    const result = client.auth.waitForDeviceToken({ ...wire.deviceAuthorization, interval: 0 });
    await vi.advanceTimersByTimeAsync(4_900);
    expect(fake.requests).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(200);
    await expect(result).resolves.toEqual(wire.tokens);
  });
});

describe('auth.pollDeviceToken', () => {
  it('rejects with the device-flow code as a MaxAuthenticationError', async () => {
    const { client } = clientWith(apiError(400, 'authorization_pending'));
    await expect(client.auth.pollDeviceToken('dc')).rejects.toMatchObject({
      name: 'MaxAuthenticationError',
      code: 'authorization_pending',
    });
  });

  it('never leaks tokens from a token response into traces', async () => {
    const fake = createFakeFetch(json(200, wire.tokens));
    const traces: unknown[] = [];
    const client = new MaxClient({ apiUrl: 'http://max.test', fetch: fake.fetch, onTrace: (e) => traces.push(e) });
    await client.auth.refresh(wire.tokens.refresh_token);
    const rendered = JSON.stringify(traces);
    expect(rendered).not.toContain('SECRET');
    expect(rendered).toContain('[REDACTED]');
  });
});
