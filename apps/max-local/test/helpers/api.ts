import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMaxLocal, type MaxLocal, type StartMaxLocalOptions } from '../../src/index.js';
import { assertMatchesSpec, findOperation } from './spec-validator.js';

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  text: string;
  body: T;
}

/** Every operationId a test has exercised, with the statuses seen (for the coverage test). */
export const exercised = new Map<string, Set<number>>();

export interface CallOptions {
  token?: string;
  body?: unknown;
  /** Sent verbatim (for malformed JSON tests). */
  rawBody?: string;
  headers?: Record<string, string>;
}

/**
 * A tiny HTTP client for tests. EVERY response it sees is validated against the OpenAPI document
 * (operation by method + path template, schema by status), so any test doubles as a contract test.
 */
export function apiClient(baseUrl: string) {
  return async function call<T = unknown>(method: string, path: string, options: CallOptions = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers['authorization'] = `Bearer ${options.token}`;
    let body: string | undefined;
    if (options.rawBody !== undefined) {
      body = options.rawBody;
      headers['content-type'] ??= 'application/json';
    } else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] = 'application/json';
    }
    const response = await fetch(`${baseUrl}${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
    const text = await response.text();
    const captured = { status: response.status, headers: response.headers, text };
    assertMatchesSpec(method, path, captured);
    const id = String(findOperation(method, path).operation['operationId']);
    const statuses = exercised.get(id) ?? new Set<number>();
    statuses.add(response.status);
    exercised.set(id, statuses);
    return { ...captured, body: (text === '' ? undefined : JSON.parse(text)) as T };
  };
}

export type Call = ReturnType<typeof apiClient>;

export interface TestPlatform {
  max: MaxLocal;
  call: Call;
  dataDir: string;
  stop(): Promise<void>;
}

/** Starts max-local on port 0 with a temp data dir; `stop()` closes it and deletes the dir. */
export async function startTestPlatform(options: Partial<StartMaxLocalOptions> = {}): Promise<TestPlatform> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'max-local-test-')));
  const max = await startMaxLocal({ port: 0, deviceCodeIntervalSeconds: 1, stabilizationSeconds: 0, ...options, dataDir });
  return {
    max,
    dataDir,
    call: apiClient(max.url),
    stop: async () => {
      await max.close();
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A clock tests can move forward. */
export function manualClock(): { now(): number; advance(ms: number): void } {
  let offset = 0;
  return { now: () => Date.now() + offset, advance: (ms) => (offset += ms) };
}
