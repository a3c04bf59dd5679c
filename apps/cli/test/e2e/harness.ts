import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { connect, createServer as createNetServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Duplex } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { createApiToken, startMaxLocal, type MaxLocal, type StartMaxLocalOptions } from '@max/local';
import { expect } from 'vitest';
import { commands } from '../../src/commands/definitions.js';
import { resolveGlobalFlags } from '../../src/global-options.js';
import { parseArgv } from '../../src/parse/parse-argv.js';
import { expectJsonContract, expectJsonlContract } from './json-contract.js';

/**
 * End-to-end harness: the BUILT rig binary as a real child process, against a real max-local started in-process
 * behind a recording proxy. Everything that could leak a token is kept in a transcript: every argv, stdout and
 * stderr of rig, every URL the platform received (with query strings, via the proxy), and max-local's own log.
 */

const cliDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const binPath = join(cliDir, 'bin', 'rig.mjs');
const bundlePath = join(cliDir, 'dist', 'rig.mjs');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds the CLI when the bundle is missing or older than the CLI's sources (so a test never runs stale code). */
export function ensureBuilt(): void {
  const stale = !existsSync(bundlePath) || statSync(bundlePath).mtimeMs < newestMtime(join(cliDir, 'src'));
  if (!stale) return;
  const result = spawnSync(process.execPath, [join(cliDir, 'build.mjs')], { cwd: cliDir, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`building rig failed:\n${result.stderr}`);
}

/**
 * At most two rig processes at a time across the whole e2e run (2-core machines; test files run in parallel
 * workers): each spawn holds one of two slot files, created exclusively, for as long as its process lives.
 */
const SLOTS = 2;
const slotDir = join(tmpdir(), 'rig-e2e-process-slots');

/** Whether a process with this pid exists (signal 0). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The pid holding a slot file; 0 when there is none (the holder may release it between our checks). */
function slotHolder(path: string): number {
  try {
    return Number(readFileSync(path, 'utf8'));
  } catch {
    return 0;
  }
}

async function acquireProcessSlot(): Promise<() => void> {
  mkdirSync(slotDir, { recursive: true });
  for (;;) {
    for (let i = 0; i < SLOTS; i++) {
      const path = join(slotDir, `slot-${i}`);
      try {
        const fd = openSync(path, 'wx');
        writeSync(fd, String(process.pid));
        closeSync(fd);
        return () => rmSync(path, { force: true });
      } catch {
        // Taken. A slot whose holder (a test worker) died is free again.
        const holder = slotHolder(path);
        if (holder > 0 && !isAlive(holder)) rmSync(path, { force: true });
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export interface RigResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RigOptions {
  /** The config dir (each simulated user/machine has its own). */
  configDir: string;
  env?: Record<string, string>;
  /** Written to stdin, which is then closed. */
  stdin?: string | Uint8Array;
  /** Default: the harness's API URL through RIG_API_URL. Pass null to leave RIG_API_URL unset. */
  apiUrl?: string | null;
}

/** A `rig` process that is still running (device login). */
export interface RunningRig {
  readonly child: ChildProcessWithoutNullStreams;
  /** Resolves with the first match of `pattern` in stderr so far. */
  waitForStderr(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  done: Promise<RigResult>;
}

export class Harness {
  /** Token values known to exist (API tokens created for tests), and secret values set by tests; checked verbatim. */
  readonly knownSecrets = new Set<string>();
  /** Every successful run in a JSON mode: what its stdout must satisfy (`assertJsonContracts`). */
  private readonly machineOutputs: { command: string; mode: 'json' | 'jsonl'; stdout: string }[] = [];
  private readonly tempDirs: string[] = [];
  /** Ends the WebSocket tunnels of the proxy (an HTTP server's close does not end upgraded connections). */
  private destroyTunnels: () => void = () => undefined;

  private constructor(
    readonly max: MaxLocal,
    private readonly proxy: Server,
    /** The API URL rig uses: the recording proxy in front of max-local. */
    readonly apiUrl: string,
    /** Everything that must never contain a token. */
    readonly transcript: string[],
    /** Every `METHOD url` the platform received, in order. */
    readonly requests: string[],
    /** max-local's own log lines. */
    private readonly serverLog: string[],
  ) {}

  static async start(options: Partial<StartMaxLocalOptions> = {}): Promise<Harness> {
    ensureBuilt();
    const dataDir = mkdtempSync(join(tmpdir(), 'rig-e2e-data-'));
    const log: string[] = [];
    const max = await startMaxLocal({ port: 0, deviceCodeIntervalSeconds: 1, stabilizationSeconds: 0, ...options, dataDir, log: { write: (chunk: string) => log.push(chunk) } });
    const target = new URL(max.url);
    const transcript: string[] = [];
    const requests: string[] = [];
    const tunnels = new Set<Duplex>();
    const proxy = createServer((req, res) => {
      requests.push(`${req.method ?? ''} ${req.url ?? ''}`);
      transcript.push(`url: ${req.url ?? ''}`);
      const upstream = request(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
        (response) => {
          res.writeHead(response.statusCode ?? 502, response.headers);
          response.pipe(res);
        },
      );
      upstream.on('error', () => res.destroy());
      req.pipe(upstream);
    });
    // WebSocket upgrades (the realtime channels) are tunnelled as raw TCP after the request head, which is
    // recorded like any other request: a token in a socket URL would leak just the same.
    proxy.on('upgrade', (req, socket, head) => {
      requests.push(`${req.method ?? ''} ${req.url ?? ''}`);
      transcript.push(`url: ${req.url ?? ''}`);
      const upstream = connect(Number(target.port), target.hostname, () => {
        const headers = Object.entries(req.headers).flatMap(([name, value]) => (Array.isArray(value) ? value : [value ?? '']).map((v) => `${name}: ${v}`));
        upstream.write(`${req.method ?? 'GET'} ${req.url ?? '/'} HTTP/1.1\r\n${headers.join('\r\n')}\r\n\r\n`);
        if (head.length > 0) upstream.write(head);
        upstream.pipe(socket);
        socket.pipe(upstream);
      });
      upstream.on('error', () => socket.destroy());
      socket.on('error', () => upstream.destroy());
      tunnels.add(socket).add(upstream);
      socket.on('close', () => tunnels.delete(socket));
      upstream.on('close', () => tunnels.delete(upstream));
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const harness = new Harness(max, proxy, `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`, transcript, requests, log);
    harness.tempDirs.push(dataDir);
    harness.destroyTunnels = () => tunnels.forEach((t) => t.destroy());
    return harness;
  }

  /** A fresh, empty config dir: a new user/machine. */
  configDir(): string {
    const dir = mkdtempSync(join(tmpdir(), 'rig-e2e-config-'));
    this.tempDirs.push(dir);
    return dir;
  }

  /** An API token for the local owner (created straight in the data dir, like `max-local token create`). */
  async apiToken(scope: 'read' | 'deploy' | 'admin' = 'admin'): Promise<string> {
    const token = await createApiToken({ dataDir: this.max.dataDir, scope, name: 'e2e' });
    this.knownSecrets.add(token);
    return token;
  }

  private async spawn(args: string[], options: RigOptions): Promise<{ child: ChildProcessWithoutNullStreams; done: Promise<RigResult>; stderr: () => string }> {
    const release = await acquireProcessSlot();
    const env: Record<string, string> = {
      PATH: process.env['PATH'] ?? '',
      HOME: options.configDir,
      RIG_CONFIG_DIR: options.configDir,
      RIG_CREDENTIAL_STORE: 'file',
      ...(options.apiUrl === null ? {} : { RIG_API_URL: options.apiUrl ?? this.apiUrl }),
      ...options.env,
    };
    const argv = [binPath, ...args];
    // The environment is where RIG_TOKEN legitimately lives; argv is public (ps, shell history) and is scanned.
    this.transcript.push(`argv: ${argv.join(' ')}`);
    const child = spawn(process.execPath, argv, { env, cwd: options.configDir, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    if (options.stdin !== undefined) child.stdin.end(options.stdin);
    else child.stdin.end();
    const done = new Promise<RigResult>((resolve, reject) => {
      child.on('error', (error) => {
        release();
        reject(error);
      });
      child.on('close', (code, signal) => {
        release();
        this.transcript.push(`stdout: ${stdout}`, `stderr: ${stderr}`);
        if (code === 0) this.recordMachineOutput(args, env, stdout);
        resolve({ code: code ?? (signal ? -1 : null), stdout, stderr });
      });
    });
    return { child, done, stderr: () => stderr };
  }

  private recordMachineOutput(args: string[], env: Record<string, string>, stdout: string): void {
    try {
      const parsed = parseArgv(args, commands);
      if (parsed.kind !== 'run') return;
      const { output } = resolveGlobalFlags(parsed.globals, env);
      if (output !== 'table') this.machineOutputs.push({ command: parsed.def.name, mode: output, stdout });
    } catch {
      // A usage error: there is no output to check.
    }
  }

  /**
   * Validates the stdout of every successful `-o json`/`-o jsonl` run of this harness against the command's
   * published JSON Schema (strict form, Ajv 2020): the JSON contract, checked on real output.
   */
  assertJsonContracts(): void {
    expect(this.machineOutputs.length, 'no JSON output was captured to check').toBeGreaterThan(0);
    for (const { command, mode, stdout } of this.machineOutputs) {
      if (mode === 'json') expectJsonContract(command, stdout);
      else expectJsonlContract(command, stdout);
    }
  }

  /** The commands whose JSON output was checked (for coverage assertions). */
  jsonContractCommands(): Set<string> {
    return new Set(this.machineOutputs.map((o) => o.command));
  }

  /** Runs rig to completion. */
  async rig(args: string[], options: RigOptions): Promise<RigResult> {
    return (await this.spawn(args, options)).done;
  }

  /** Starts rig and lets the test interact with it while it runs. */
  async start(args: string[], options: RigOptions): Promise<RunningRig> {
    const { child, done, stderr } = await this.spawn(args, options);
    const waitForStderr = (pattern: RegExp, timeoutMs = 10_000) =>
      new Promise<RegExpMatchArray>((resolve, reject) => {
        const started = Date.now();
        const check = () => {
          const match = pattern.exec(stderr());
          if (match) return resolve(match);
          if (child.exitCode !== null || Date.now() - started > timeoutMs) return reject(new Error(`no ${pattern} in stderr: ${stderr()}`));
          setTimeout(check, 20);
        };
        check();
      });
    return { child, waitForStderr, done };
  }

  /** Logs a config dir in with a fresh API token (`rig login --with-token`, token on stdin). */
  async loginWithToken(configDir: string): Promise<void> {
    const result = await this.rig(['login', '--with-token'], { configDir, stdin: `${await this.apiToken()}\n` });
    expect(result.code, result.stderr).toBe(0);
  }

  /** The stored credential record of a config dir (file store). */
  credential(configDir: string): { accessToken: string; refreshToken?: string } | undefined {
    const path = join(configDir, 'credentials.json');
    if (!existsSync(path)) return undefined;
    const text = readFileSync(path, 'utf8');
    const file = JSON.parse(text) as unknown;
    // The file format belongs to the auth lib; find the record for our API URL wherever it sits.
    const found = findRecord(file);
    return found;
  }

  /**
   * The secret-hygiene check over everything this harness saw: no access (`mxa_`), refresh (`mxr_`) or API
   * (`mxp_`) token value anywhere — neither a known one nor anything shaped like one.
   */
  assertNoSecretsLeaked(): void {
    const everything = [...this.transcript, ...this.serverLog].join('\n');
    const secrets = new Set(this.knownSecrets);
    for (const dir of this.tempDirs) {
      const record = this.credential(dir);
      if (record) {
        secrets.add(record.accessToken);
        if (record.refreshToken) secrets.add(record.refreshToken);
      }
    }
    for (const secret of secrets) {
      const at = this.transcript.find((entry) => entry.includes(secret)) ?? this.serverLog.find((line) => line.includes(secret));
      // Name where it leaked, never the value itself.
      expect(at?.replaceAll(secret, `${secret.slice(0, 4)}[LEAKED]`), 'a token value appeared in the transcript').toBeUndefined();
    }
    expect(everything.match(/mx[arp]_[A-Za-z0-9_-]{20,}/g) ?? []).toEqual([]);
    // The scan must have had something to scan: rig's output, the URLs and the server's request log.
    expect(this.transcript.some((entry) => entry.startsWith('argv: '))).toBe(true);
    expect(this.requests.length).toBeGreaterThan(0);
    expect(this.serverLog.some((line) => line.includes(' GET /api/v1/'))).toBe(true);
  }

  async close(): Promise<void> {
    this.proxy.closeAllConnections();
    this.destroyTunnels();
    await new Promise<void>((resolve) => this.proxy.close(() => resolve()));
    await this.max.close();
    for (const dir of this.tempDirs) rmSync(dir, { recursive: true, force: true });
  }
}

function findRecord(value: unknown): { accessToken: string; refreshToken?: string } | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  if (typeof record['accessToken'] === 'string') {
    return { accessToken: record['accessToken'], ...(typeof record['refreshToken'] === 'string' ? { refreshToken: record['refreshToken'] } : {}) };
  }
  for (const child of Object.values(record)) {
    const found = findRecord(child);
    if (found) return found;
  }
  return undefined;
}

/** A loopback port nothing listens on: connecting is refused (platform down). */
export async function closedPort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Parses stdout that must be exactly one JSON document. */
export function json<T = unknown>(stdout: string): T {
  expect(stdout.endsWith('\n')).toBe(true);
  return JSON.parse(stdout) as T;
}

/** Parses a JSON error from stderr. */
export function jsonError(stderr: string): { code: string; message: string; exit_code: number; request_id?: string; hint?: string } {
  const body = JSON.parse(stderr) as { error: { code: string; message: string; exit_code: number; request_id?: string; hint?: string } };
  return body.error;
}
