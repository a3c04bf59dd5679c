import { createHash } from 'node:crypto';
import { lstat, readdir, readFile, readlink } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makePack } from '../deploy/helpers.js';
import { assertMatchesSpec, findOperation } from './spec-validator.js';
import { exercised, type Call } from './api.js';

/** The repository's `examples/` folder. */
export const EXAMPLES_DIR = fileURLToPath(new URL('../../../../examples/', import.meta.url));

export const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

export interface ManifestFile {
  path: string;
  sha256: string;
  size: number;
  mode: number;
  type?: 'file' | 'symlink';
  target?: string;
}

export interface Bundle {
  manifest: ManifestFile[];
  /** Blob bytes by digest. */
  blobs: Map<string, Buffer>;
}

/**
 * What a client does before deploying, in miniature (max-local tests may not import the SDK): walks a tree
 * (skipping node_modules), hashes every file, and lists it in a manifest. `overrides` replaces or adds files.
 */
export async function bundleDir(dir: string, overrides: Record<string, string> = {}): Promise<Bundle> {
  const manifest: ManifestFile[] = [];
  const blobs = new Map<string, Buffer>();
  const add = (path: string, data: Buffer, mode: number): void => {
    const digest = sha256(data);
    blobs.set(digest, data);
    manifest.push({ path, sha256: digest, size: data.length, mode });
  };
  const walk = async (current: string): Promise<void> => {
    for (const entry of (await readdir(current, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (entry.name === 'node_modules') continue;
      const full = join(current, entry.name);
      const path = relative(dir, full);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isSymbolicLink()) {
        const target = await readlink(full);
        manifest.push({ path, type: 'symlink', target, sha256: sha256(target), size: Buffer.byteLength(target), mode: 0o777 });
      } else if (entry.isFile() && !(path in overrides)) add(path, await readFile(full), (await lstat(full)).mode & 0o777);
    }
  };
  await walk(dir);
  for (const [path, text] of Object.entries(overrides)) add(path, Buffer.from(text), 0o644);
  return { manifest, blobs };
}

/** A bundle of small text files (path → contents), each a 0644 file. */
export function bundleFiles(files: Record<string, string>): Bundle {
  const blobs = new Map<string, Buffer>();
  const manifest = Object.entries(files).map(([path, text]) => {
    const data = Buffer.from(text);
    blobs.set(sha256(data), data);
    return { path, sha256: sha256(data), size: data.length, mode: 0o644 };
  });
  return { manifest, blobs };
}

/** A tar.gz pack of blobs, each entry named by its digest (as the API wants it). */
export function packOf(blobs: Map<string, Buffer>, digests: readonly string[]): Buffer {
  return makePack(digests.map((digest) => ({ name: digest, data: blobs.get(digest) ?? Buffer.alloc(0) })));
}

export interface WireDeployment {
  id: string;
  state: string;
  release: number | null;
  missing_blobs: string[];
  failure: { stage: string; reason: string; message: string } | null;
}

/** Sends a raw body (blob or pack) and validates the answer against the spec, as `call` does for JSON. */
export async function sendRaw(
  baseUrl: string,
  method: string,
  path: string,
  token: string,
  body: Buffer,
  contentType: string,
): Promise<{ status: number; body: { error?: { code: string; details?: Record<string, unknown> } } & Record<string, unknown> }> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
    body,
  });
  const text = await response.text();
  assertMatchesSpec(method, path, { status: response.status, headers: response.headers, text });
  const id = String(findOperation(method, path).operation['operationId']);
  exercised.set(id, (exercised.get(id) ?? new Set<number>()).add(response.status));
  return { status: response.status, body: JSON.parse(text) as never };
}

/** Polls a deployment until it reaches a final state. */
export async function waitForDeployment(call: Call, token: string, id: string, timeoutMs = 60_000): Promise<WireDeployment> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await call<WireDeployment>('GET', `/api/v1/deployments/${id}`, { token });
    if (['running', 'failed', 'rolled_back', 'cancelled'].includes(res.body.state)) return res.body;
    if (Date.now() > deadline) throw new Error(`deployment ${id} still ${res.body.state}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * The whole client flow through the API: create the deployment, upload only the missing blobs as one pack,
 * finalize, wait for the outcome. Returns the final deployment and the digests that were uploaded.
 */
export async function deployBundle(
  call: Call,
  baseUrl: string,
  token: string,
  target: { network: string; app: string },
  bundle: Bundle,
  message?: string,
): Promise<{ deployment: WireDeployment; uploaded: string[] }> {
  const created = await call<WireDeployment>('POST', `/api/v1/networks/${target.network}/apps/${target.app}/deployments`, {
    token,
    body: { manifest: bundle.manifest, ...(message === undefined ? {} : { message }) },
  });
  if (created.status !== 201) throw new Error(`create deployment: ${created.status} ${created.text}`);
  const uploaded = created.body.missing_blobs;
  if (uploaded.length > 0) {
    const pack = await sendRaw(baseUrl, 'POST', '/api/v1/blobs/packs', token, packOf(bundle.blobs, uploaded), 'application/gzip');
    if (pack.status !== 200) throw new Error(`pack upload: ${pack.status} ${JSON.stringify(pack.body)}`);
    const finalized = await call('POST', `/api/v1/deployments/${created.body.id}/finalize`, { token });
    if (finalized.status !== 200) throw new Error(`finalize: ${finalized.status} ${finalized.text}`);
  }
  return { deployment: await waitForDeployment(call, token, created.body.id), uploaded };
}
