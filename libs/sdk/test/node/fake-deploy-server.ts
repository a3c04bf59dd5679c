import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import type { App, Deployment, DeploymentFailure, DeploymentState, LogLine } from '../../src/types.js';

/**
 * A minimal in-process Max for the deploy flow: apps, deployments (missing blobs from a content-addressed store),
 * tar.gz packs (parsed and verified), finalize, and a scripted build that advances one step per poll. Tests
 * steer it through `options` and read what happened from `packs` and `requests`.
 */

/**
 * `crashes_after_release`: the new release passes its health check, takes traffic, then crashes in its
 * stabilization window — `rolled_back`, or `failed` when the deployment was created with `rollback: false`.
 */
export type BuildScript = 'success' | 'build_failed' | 'rolled_back' | 'health_check_failed' | 'crashes_after_release' | 'never_finishes';

export interface FakeServerOptions {
  /** Apps that exist from the start (`network/app`). */
  apps?: string[];
  /** Blobs the platform already holds. */
  blobs?: string[];
  build?: BuildScript;
  /** Called for each pack request before it is read; return 'cut' to destroy the connection mid-body. */
  onPack?: (index: number, req: IncomingMessage) => 'cut' | 'ok' | 'hang';
}

export interface RecordedPack {
  digests: string[];
  compressedBytes: number;
}

interface DeploymentRecord {
  deployment: Deployment;
  /** Steps left in the build script. */
  steps: { state: DeploymentState; release?: number; failure?: DeploymentFailure; logs?: string[] }[];
  logs: LogLine[];
}

function tarEntries(tarBytes: Buffer): { name: string; data: Buffer }[] {
  const entries: { name: string; data: Buffer }[] = [];
  let offset = 0;
  while (offset + 512 <= tarBytes.length) {
    const header = tarBytes.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) break;
    const name = header.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '');
    const size = Number.parseInt(header.subarray(124, 136).toString('utf8').replace(/\0.*$/s, '').trim() || '0', 8);
    const start = offset + 512;
    entries.push({ name, data: tarBytes.subarray(start, start + size) });
    offset = start + Math.ceil(size / 512) * 512;
  }
  return entries;
}

function script(build: BuildScript, rollback: boolean): DeploymentRecord['steps'] {
  const failure = (stage: DeploymentFailure['stage'], reason: DeploymentFailure['reason'], message: string): DeploymentFailure => ({
    stage,
    reason,
    message,
  });
  switch (build) {
    case 'success':
      return [
        { state: 'building', logs: ['Installing dependencies', 'added 0 packages'] },
        { state: 'building', logs: ['Build finished'] },
        { state: 'releasing', release: 1 },
        { state: 'running', release: 1 },
      ];
    case 'build_failed':
      return [
        { state: 'building', logs: ['npm ERR! missing script: build'] },
        { state: 'failed', failure: failure('build', 'build_failed', 'The build command exited with code 1') },
      ];
    case 'rolled_back':
      return [
        { state: 'building', logs: ['ok'] },
        { state: 'releasing', release: 2 },
        { state: 'rolled_back', release: 2, failure: failure('release', 'health_check_failed', 'GET / never answered 2xx') },
      ];
    case 'crashes_after_release': {
      const crashed = rollback
        ? failure('release', 'crashed_after_release', "Release v2's process exited with code 3 1 s after traffic switched to it; rolled back to v1.")
        : failure('release', 'crashed_after_release', "Release v2's process exited with code 3 1 s after traffic switched to it; rollback is disabled.");
      return [
        { state: 'building', logs: ['ok'] },
        { state: 'releasing', release: 2 },
        { state: rollback ? 'rolled_back' : 'failed', release: 2, failure: crashed },
      ];
    }
    case 'health_check_failed':
      return [
        { state: 'building', logs: ['ok'] },
        { state: 'releasing', release: 2 },
        { state: 'failed', release: 2, failure: failure('release', 'health_check_failed', 'GET / never answered 2xx') },
      ];
    case 'never_finishes':
      return [{ state: 'building', logs: ['still going'] }];
  }
}

export class FakeDeployServer {
  readonly options: FakeServerOptions;
  readonly blobs = new Set<string>();
  readonly apps = new Map<string, App>();
  readonly deployments = new Map<string, DeploymentRecord>();
  readonly packs: RecordedPack[] = [];
  readonly requests: string[] = [];
  /** Bodies of `POST …/deployments`, in order. */
  readonly createBodies: Record<string, unknown>[] = [];
  #packCount = 0;
  #server: Server | undefined;
  url = '';

  constructor(options: FakeServerOptions = {}) {
    this.options = options;
    for (const digest of options.blobs ?? []) this.blobs.add(digest);
    for (const ref of options.apps ?? []) {
      const [network = '', name = ''] = ref.split('/');
      this.apps.set(ref, this.#app(network, name));
    }
  }

  async start(): Promise<this> {
    this.#server = createServer((req, res) => {
      this.#handle(req, res).catch((error: unknown) => {
        if (!res.headersSent) this.#json(res, 500, { error: { code: 'internal_error', message: String(error), request_id: 'r' } });
      });
    });
    await new Promise<void>((resolve) => this.#server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    this.#server?.closeAllConnections();
    await new Promise<void>((resolve) => this.#server?.close(() => resolve()));
  }

  #app(network: string, name: string): App {
    return {
      id: `app_${name}`,
      name,
      network,
      hostname: `${name}.${network}.localhost`,
      url: `http://${name}.${network}.localhost:4080`,
      description: null,
      health_check_path: '/',
      status: 'created',
      current_release: null,
      created_at: '2025-01-01T00:00:00Z',
      updated_at: '2025-01-01T00:00:00Z',
    };
  }

  #json(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': 'req_fake' });
    res.end(JSON.stringify(body));
  }

  #error(res: ServerResponse, status: number, code: string, details?: Record<string, unknown>): void {
    this.#json(res, status, { error: { code, message: code, request_id: 'req_fake', ...(details ? { details } : {}) } });
  }

  async #body(req: IncomingMessage): Promise<Buffer> {
    const parts: Buffer[] = [];
    for await (const part of req) parts.push(part as Buffer);
    return Buffer.concat(parts);
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://x');
    const path = url.pathname;
    this.requests.push(`${req.method} ${path}`);
    let m: RegExpMatchArray | null;

    if ((m = path.match(/^\/api\/v1\/networks\/([^/]+)\/apps\/([^/]+)$/)) && req.method === 'GET') {
      const app = this.apps.get(`${m[1]}/${m[2]}`);
      return app ? this.#json(res, 200, app) : this.#error(res, 404, 'not_found');
    }
    if ((m = path.match(/^\/api\/v1\/networks\/([^/]+)\/apps$/)) && req.method === 'POST') {
      const { name } = JSON.parse((await this.#body(req)).toString()) as { name: string };
      const app = this.#app(m[1] ?? '', name);
      this.apps.set(`${m[1]}/${name}`, app);
      return this.#json(res, 201, app);
    }
    if ((m = path.match(/^\/api\/v1\/networks\/([^/]+)\/apps\/([^/]+)\/deployments$/)) && req.method === 'POST') {
      const body = JSON.parse((await this.#body(req)).toString()) as {
        manifest: { sha256: string; size: number; type?: string }[];
        message?: string;
        rollback?: boolean;
      };
      this.createBodies.push(body);
      const files = body.manifest.filter((e) => e.type !== 'symlink');
      const missing = [...new Set(files.map((e) => e.sha256).filter((d) => !this.blobs.has(d)))];
      const id = `dep_${this.deployments.size + 1}`;
      const deployment: Deployment = {
        id,
        network: m[1] ?? '',
        app: m[2] ?? '',
        state: missing.length > 0 ? 'uploading' : 'queued',
        message: body.message ?? null,
        file_count: files.length,
        total_size: files.reduce((s, e) => s + e.size, 0),
        missing_blobs: missing,
        release: null,
        failure: null,
        created_by: { type: 'user', id: 'usr_1', email: 'dev@example.test' },
        created_at: '2025-01-01T00:00:00Z',
        updated_at: '2025-01-01T00:00:00Z',
        finished_at: null,
      };
      this.deployments.set(id, { deployment, steps: script(this.options.build ?? 'success', body.rollback ?? true), logs: [] });
      return this.#json(res, 201, deployment);
    }
    if (path === '/api/v1/blobs/packs' && req.method === 'POST') {
      const index = this.#packCount++;
      const action = this.options.onPack?.(index, req) ?? 'ok';
      if (action === 'cut') {
        // Read a little of the body, then drop the connection: the client sees a reset mid-upload.
        await new Promise<void>((resolve) => req.once('data', () => resolve()));
        req.socket.destroy();
        return;
      }
      if (action === 'hang') return; // never answers
      const gz = await this.#body(req);
      const entries = tarEntries(gunzipSync(gz));
      const stored: string[] = [];
      for (const entry of entries) {
        if (createHash('sha256').update(entry.data).digest('hex') !== entry.name) return this.#error(res, 422, 'digest_mismatch');
      }
      for (const entry of entries) {
        this.blobs.add(entry.name);
        stored.push(entry.name);
      }
      this.packs.push({ digests: stored, compressedBytes: gz.length });
      return this.#json(res, 200, { stored, already_present: [] });
    }
    if ((m = path.match(/^\/api\/v1\/deployments\/([^/]+)\/finalize$/)) && req.method === 'POST') {
      const record = this.deployments.get(m[1] ?? '');
      if (!record) return this.#error(res, 404, 'not_found');
      const missing = record.deployment.missing_blobs.filter((d) => !this.blobs.has(d));
      if (missing.length > 0) return this.#error(res, 409, 'blobs_missing', { missing });
      if (record.deployment.state === 'uploading') record.deployment = { ...record.deployment, state: 'queued', missing_blobs: [] };
      return this.#json(res, 200, record.deployment);
    }
    if ((m = path.match(/^\/api\/v1\/deployments\/([^/]+)\/cancel$/)) && req.method === 'POST') {
      const record = this.deployments.get(m[1] ?? '');
      if (!record) return this.#error(res, 404, 'not_found');
      record.deployment = { ...record.deployment, state: 'cancelled' };
      record.steps = [];
      return this.#json(res, 200, record.deployment);
    }
    if ((m = path.match(/^\/api\/v1\/deployments\/([^/]+)$/)) && req.method === 'GET') {
      const record = this.deployments.get(m[1] ?? '');
      if (!record) return this.#error(res, 404, 'not_found');
      // One step of the build per poll, once finalized.
      const step = record.deployment.state === 'uploading' ? undefined : record.steps.shift();
      if (step) {
        for (const line of step.logs ?? []) {
          record.logs.push({ seq: record.logs.length + 1, ts: '2025-01-01T00:00:01Z', stream: 'stdout', source: 'build', line });
        }
        record.deployment = {
          ...record.deployment,
          state: step.state,
          release: step.release ?? record.deployment.release,
          failure: step.failure ?? null,
        };
      }
      return this.#json(res, 200, record.deployment);
    }
    if ((m = path.match(/^\/api\/v1\/deployments\/([^/]+)\/logs$/)) && req.method === 'GET') {
      const record = this.deployments.get(m[1] ?? '');
      if (!record) return this.#error(res, 404, 'not_found');
      const after = Number(url.searchParams.get('after_seq') ?? '0');
      const limit = Number(url.searchParams.get('limit') ?? '100');
      const rest = record.logs.filter((l) => l.seq > after);
      const data = rest.slice(0, limit);
      return this.#json(res, 200, {
        data,
        has_more: rest.length > data.length,
        earliest_seq: record.logs[0]?.seq ?? null,
        latest_seq: record.logs.at(-1)?.seq ?? null,
      });
    }
    this.#error(res, 404, 'not_found');
  }
}
