import { abortableSleep } from '../core/abortable-sleep.js';
import type { RequestOptions } from '../core/request-options.js';
import type { Release } from '../types.js';

/**
 * Options of {@link waitForRelease}.
 *
 * @example
 * ```ts
 * const options: WaitForReleaseOptions = { timeoutMs: 300_000, signal: controller.signal };
 * ```
 */
export interface WaitForReleaseOptions {
  readonly timeoutMs: number;
  readonly signal?: AbortSignal | undefined;
  /** Time between two looks (default 400 ms): a release becomes healthy within seconds. */
  readonly intervalMs?: number;
}

/** What {@link waitForRelease} uses of a client (pass the client itself). */
export interface ReleaseWaitClient {
  releases: { get(network: string, app: string, version: number, options?: RequestOptions): Promise<Release> };
}

/**
 * Waits until a release leaves `pending` (started and health-checked): `active` means it serves, `failed` that it
 * never became healthy. Resolves `undefined` when `timeoutMs` passes first — the release may still get there.
 * Asks `releases.get` at intervals: a rollback release settles in seconds, and polling it is cheap.
 *
 * @example
 * ```ts
 * const release = await client.releases.rollback('prod', 'web');
 * const settled = await waitForRelease(client, 'prod', 'web', release.version, { timeoutMs: 300_000 });
 * console.log(classifyRelease(settled));
 * ```
 */
export async function waitForRelease(
  client: ReleaseWaitClient,
  network: string,
  app: string,
  version: number,
  options: WaitForReleaseOptions,
): Promise<Release | undefined> {
  const deadline = Date.now() + options.timeoutMs;
  const signal = options.signal;
  for (;;) {
    const release = await client.releases.get(network, app, version, signal ? { signal } : {});
    if (release.state !== 'pending') return release;
    const left = deadline - Date.now();
    if (left <= 0) return undefined;
    await abortableSleep(Math.min(options.intervalMs ?? 400, left), signal);
  }
}
