import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { mkdtemp, readdir, readFile, readlink, rm, stat, writeFile, lstat, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import Libsql from 'libsql';
import type { BlobStore } from '../../src/deploy/blob-store.js';
import type { ManifestEntry } from '../../src/deploy/manifest.js';

export const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

/** What a blob store at `root` holds as rows of its SQLite file: blob digests (sorted) and leftover staged rows. */
export function smallBlobRows(root: string): { blobs: string[]; staged: number } {
  const db = new Libsql(join(root, 'small-blobs.db'));
  try {
    const blobs = (db.prepare('SELECT digest FROM blobs ORDER BY digest').all() as { digest: string }[]).map((row) => row.digest);
    const staged = (db.prepare('SELECT count(*) AS n FROM staged').get() as { n: number }).n;
    return { blobs, staged };
  } finally {
    db.close();
  }
}

/** Overwrites a small blob's bytes in the store's SQLite file, as disk damage (or a hostile local user) would. */
export function damageSmallBlob(root: string, digest: string, bytes: Buffer | string): void {
  const db = new Libsql(join(root, 'small-blobs.db'));
  try {
    const { changes } = db.prepare('UPDATE blobs SET bytes = ? WHERE digest = ?').run(Buffer.from(bytes), digest);
    if (Number(changes) !== 1) throw new Error(`no small blob ${digest} to damage`);
  } finally {
    db.close();
  }
}

/** Puts a staged row in the store's SQLite file, as a pack upload cut off by a crash leaves behind. */
export function stageLeftover(root: string, digest: string, bytes: Buffer | string): void {
  const db = new Libsql(join(root, 'small-blobs.db'));
  try {
    db.prepare('INSERT INTO staged (pack, seq, digest, bytes) VALUES (?, 0, ?, ?)').run('crashed', digest, Buffer.from(bytes));
  } finally {
    db.close();
  }
}

/** A fresh temp dir; `cleanup()` removes it. */
export async function tempDir(prefix = 'max-deploy-'): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Every path under `dir` (relative), recursively, links not followed. */
export async function listTree(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string): Promise<void> => {
    for (const entry of await readdir(d, { withFileTypes: true })) {
      const full = join(d, entry.name);
      out.push(relative(dir, full));
      if (entry.isDirectory()) await walk(full);
    }
  };
  await walk(dir);
  return out.sort();
}

/** Uploads every file of `dir` into the store (as a client would) and returns its manifest. */
export async function manifestFromDir(store: BlobStore, dir: string): Promise<ManifestEntry[]> {
  const manifest: ManifestEntry[] = [];
  for (const path of await listTree(dir)) {
    if (path.split('/').includes('node_modules')) continue;
    const full = join(dir, path);
    const info = await lstat(full);
    if (info.isSymbolicLink()) {
      manifest.push({ path, type: 'symlink', target: await readlink(full), sha256: sha256(''), size: 0, mode: 0o777 });
    } else if (info.isFile()) {
      const data = await readFile(full);
      const digest = sha256(data);
      await store.put(digest, [data]);
      manifest.push({ path, sha256: digest, size: data.length, mode: info.mode & 0o777 });
    }
  }
  return manifest;
}

/** Stores `data` and returns a manifest file entry for it. */
export async function fileEntry(store: BlobStore, path: string, data: string, mode = 0o644): Promise<ManifestEntry> {
  const digest = sha256(data);
  await store.put(digest, [Buffer.from(data)]);
  return { path, sha256: digest, size: Buffer.byteLength(data), mode };
}

export interface TarEntry {
  name: string;
  /** ustar typeflag: '0' file, '2' symlink, '3' char device, '4' block device, '5' directory, '6' FIFO. */
  type?: string;
  data?: Buffer | string;
  linkname?: string;
}

/** Builds a gzipped ustar archive by hand, so tests can craft entries no honest tar tool would write. */
export function makePack(entries: TarEntry[]): Buffer {
  const blocks: Buffer[] = [];
  for (const entry of entries) {
    const data = entry.data === undefined ? Buffer.alloc(0) : Buffer.from(entry.data);
    const header = Buffer.alloc(512);
    header.write(entry.name, 0, 100, 'utf8');
    header.write('0000644\0', 100, 'ascii');
    header.write('0000000\0', 108, 'ascii');
    header.write('0000000\0', 116, 'ascii');
    header.write(`${data.length.toString(8).padStart(11, '0')}\0`, 124, 'ascii');
    header.write(`${Math.floor(Date.now() / 1000).toString(8).padStart(11, '0')}\0`, 136, 'ascii');
    header.write('        ', 148, 'ascii');
    header.write(entry.type ?? '0', 156, 'ascii');
    if (entry.linkname) header.write(entry.linkname, 157, 100, 'utf8');
    header.write('ustar\0', 257, 'ascii');
    header.write('00', 263, 'ascii');
    let sum = 0;
    for (const byte of header) sum += byte;
    header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
    blocks.push(header, data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(blocks));
}

/** Splits a buffer into small chunks, to exercise streaming paths. */
export function chunked(data: Buffer, size = 1000): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < data.length; i += size) out.push(data.subarray(i, i + size));
  return out;
}

export interface HttpResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** GET (or other) through the router with a given Host header (fetch does not let tests set Host). */
export function httpGet(port: number, host: string, path = '/', options: { method?: string; body?: string } = {}): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: { host }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.setTimeout(15_000, () => req.destroy(new Error('request timed out')));
    req.end(options.body);
  });
}

/**
 * A tiny configurable app for release tests. Behaviour comes from its env, so one tree serves as "v1", "v2",
 * "broken": BODY (answer text, `$MAX_RELEASE` appended), DELAY_MS (per response), UNHEALTHY=1 (health path 500s),
 * CRASH_AFTER_MS (exits 1 after listening), STARTS_FILE (appends its pid per start), IGNORE_TERM=1. It does NOT handle SIGTERM:
 * a zero-downtime switch must not depend on the app being polite.
 */
export async function writeTestApp(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(
    join(dir, 'app.js'),
    `const http = require('node:http');
const fs = require('node:fs');
const env = process.env;
if (env.STARTS_FILE) fs.appendFileSync(env.STARTS_FILE, process.pid + '\\n');
if (env.IGNORE_TERM === '1') process.on('SIGTERM', () => console.log('ignoring SIGTERM'));
const server = http.createServer((req, res) => {
  if (req.url === '/healthz') {
    res.writeHead(env.UNHEALTHY === '1' ? 500 : 200);
    res.end('ok');
    return;
  }
  if (req.method === 'POST') {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => { res.writeHead(200, { 'x-echo': 'yes' }); res.end(Buffer.concat(chunks)); });
    return;
  }
  setTimeout(() => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end((env.BODY || 'hello') + ' v' + env.MAX_RELEASE + ' ' + JSON.stringify({ fwd: req.headers['x-forwarded-host'] || null, secret: env.PARENT_SECRET || null }));
  }, Number(env.DELAY_MS || 0));
});
server.listen(Number(env.PORT), '127.0.0.1', () => {
  console.log('listening on ' + env.PORT);
  console.error('stderr hello');
  if (env.CRASH_AFTER_MS) setTimeout(() => { console.error('crashing'); process.exit(1); }, Number(env.CRASH_AFTER_MS));
});
`,
  );
}

/**
 * True while a process with this pid runs. A zombie counts as dead: it has exited, and in containers whose PID 1
 * does not reap orphans (this one) a killed grandchild stays a zombie forever.
 */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function isDirEmpty(dir: string): Promise<boolean> {
  return (await readdir(dir)).length === 0;
}

export async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
