import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Runs the BUNDLED Action as GitHub's runner does: `node dist/index.mjs` with `INPUT_*` variables, and the files
 * the runner hands a step (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_EVENT_PATH). The child gets a minimal
 * environment — only what a runner would set — so a value the test never passes cannot reach it.
 */

export const actionDir = join(dirname(fileURLToPath(import.meta.url)), '..');
export const repoRoot = join(actionDir, '..', '..');
export const exampleDir = join(repoRoot, 'examples', 'node-http');

export interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  /** Values registered with `::add-mask::` (core.setSecret). */
  masks: string[];
  /** The runner's environment the Action got. */
  env: Record<string, string>;
  /** Every byte of text the step produced — stdout, stderr, the output file and the summary — less the `::add-mask::` lines (the runner swallows those). */
  everything: string;
}

export interface ActionRunOptions {
  inputs: Record<string, string>;
  /** The event payload (written to GITHUB_EVENT_PATH). */
  event?: unknown;
  eventName?: string;
  env?: Record<string, string>;
  workspace?: string;
  /** Another copy of the Action (e.g. the assembled publishable tree). */
  entry?: string;
  /** Send SIGINT (as a cancelled job gets) once the step's stdout satisfies this. */
  interruptWhen?: (stdout: string) => boolean;
}

/** Parses the runner's `GITHUB_OUTPUT` file: `name<<delimiter\nvalue\ndelimiter` records. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<=]+)<<(.+)$/.exec(lines[i] ?? '');
    if (!match) continue;
    const [, name, delimiter] = match;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i] ?? '');
    outputs[name ?? ''] = value.join('\n');
  }
  return outputs;
}

export async function runAction(options: ActionRunOptions): Promise<ActionRun> {
  const dir = mkdtempSync(join(tmpdir(), 'rig-action-run-'));
  try {
    const outputFile = join(dir, 'output');
    const summaryFile = join(dir, 'summary');
    const eventFile = join(dir, 'event.json');
    writeFileSync(outputFile, '');
    writeFileSync(summaryFile, '');
    writeFileSync(eventFile, JSON.stringify(options.event ?? {}));
    const env: Record<string, string> = {
      PATH: process.env['PATH'] ?? '/usr/bin:/bin',
      HOME: dir,
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      RUNNER_TEMP: dir,
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: summaryFile,
      GITHUB_EVENT_PATH: eventFile,
      GITHUB_EVENT_NAME: options.eventName ?? 'push',
      GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
      GITHUB_REPOSITORY: 'acme/web',
      GITHUB_WORKSPACE: options.workspace ?? repoRoot,
      ...options.env,
    };
    for (const [name, value] of Object.entries(options.inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
    const child = spawn(process.execPath, [options.entry ?? join(actionDir, 'dist', 'index.mjs')], { cwd: env['GITHUB_WORKSPACE'], env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let interrupted = false;
    child.stdout.setEncoding('utf8').on('data', (c: string) => {
      stdout += c;
      if (!interrupted && options.interruptWhen?.(stdout)) {
        interrupted = true;
        child.kill('SIGINT');
      }
    });
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    const outputText = readFileSync(outputFile, 'utf8');
    const summary = readFileSync(summaryFile, 'utf8');
    const masks = [...stdout.matchAll(/^::add-mask::(.*)$/gm)].map((m) => m[1] ?? '');
    return { code, stdout, stderr, outputs: parseOutputFile(outputText), summary, masks, env, everything: [stdout.replace(/^::add-mask::.*$/gm, ''), stderr, outputText, summary].join('\n') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A copy of examples/node-http to change. */
export function exampleCopy(root: string, name: string): string {
  const dir = join(root, name);
  cpSync(exampleDir, dir, { recursive: true });
  return dir;
}

/** GET / of an app through max-local's router, by Host header. */
export function fetchThroughRouter(routerUrl: string, hostname: string): Promise<{ status: number; body: string }> {
  const router = new URL(routerUrl);
  return new Promise((resolve, reject) => {
    const req = request({ host: router.hostname, port: router.port, path: '/', headers: { host: hostname } }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

export interface FakeComment {
  id: number;
  body: string;
}

/** A loopback stand-in for the GitHub REST API's issue comments, recording every request. */
export interface FakeGithub {
  url: string;
  comments: Map<number, FakeComment[]>;
  requests: { method: string; path: string; authorization: string | undefined; body: string }[];
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = '';
    req.setEncoding('utf8').on('data', (c: string) => (body += c));
    req.on('end', () => resolve(body));
  });
}

export async function startFakeGithub(): Promise<FakeGithub> {
  const comments = new Map<number, FakeComment[]>();
  const requests: FakeGithub['requests'] = [];
  let nextId = 1000;
  const server: Server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const path = (req.url ?? '').split('?')[0] ?? '';
      requests.push({ method: req.method ?? '', path, authorization: req.headers.authorization, body });
      const json = (status: number, value: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(value));
      };
      const list = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/.exec(path);
      if (list) {
        const issue = Number(list[3]);
        if (req.method === 'GET') return json(200, comments.get(issue) ?? []);
        if (req.method === 'POST') {
          const comment = { id: nextId++, body: (JSON.parse(body) as { body: string }).body };
          comments.set(issue, [...(comments.get(issue) ?? []), comment]);
          return json(201, comment);
        }
      }
      const one = /^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/.exec(path);
      if (one && req.method === 'PATCH') {
        for (const list of comments.values()) {
          const found = list.find((c) => c.id === Number(one[3]));
          if (found) {
            found.body = (JSON.parse(body) as { body: string }).body;
            return json(200, found);
          }
        }
      }
      json(404, { message: 'Not Found' });
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    comments,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
