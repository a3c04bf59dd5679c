import { setTimeout as sleep } from 'node:timers/promises';
import type { MaxClient, Release } from '@max/rig-sdk';

export interface WaitForReleaseOptions {
  readonly timeoutMs: number;
  readonly signal: AbortSignal;
  /** Time between two looks (default 400 ms): a release becomes healthy within seconds on max-local. */
  readonly intervalMs?: number;
}

/**
 * Waits until a release leaves `pending` (started and health-checked): `active` means it serves, `failed` that it
 * never became healthy. Resolves `undefined` when `timeoutMs` passes first — the release may still get there.
 * The SDK has no release watch, so this asks `releases.get`; a rollback is short, and polling it is cheap.
 */
export async function waitForRelease(client: MaxClient, network: string, app: string, version: number, options: WaitForReleaseOptions): Promise<Release | undefined> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const release = await client.releases.get(network, app, version, { signal: options.signal });
    if (release.state !== 'pending') return release;
    const left = deadline - Date.now();
    if (left <= 0) return undefined;
    await sleep(Math.min(options.intervalMs ?? 400, left), undefined, { signal: options.signal });
  }
}
