#!/usr/bin/env node
// `npm run demo`: a narrated tour of rig against a throwaway max-local. Builds what it needs, starts the
// platform on free ports with a temporary data dir, logs in through the device flow (approving over HTTP
// exactly as a browser would), creates a network and an app, deploys examples/node-http and fetches it through
// the hostname router, changes a var (a new release), rolls back, shows them, shows a friendly error, cleans up.
import { spawn, spawnSync } from 'node:child_process';
import { request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const rigBin = join(root, 'apps/cli/bin/rig.mjs');
const tty = process.stdout.isTTY && !process.env.NO_COLOR;
const bold = (s) => (tty ? `\x1b[1m${s}\x1b[22m` : s);
const dim = (s) => (tty ? `\x1b[2m${s}\x1b[22m` : s);
const cyan = (s) => (tty ? `\x1b[36m${s}\x1b[39m` : s);

let stepNo = 0;
function step(title, text) {
  stepNo += 1;
  process.stdout.write(`\n${bold(`${stepNo}. ${title}`)}\n`);
  if (text) process.stdout.write(`${dim(text)}\n`);
}

function build() {
  step('Build', 'Bundling the rig CLI and max-local (esbuild, cached by Nx).');
  const result = spawnSync(
    join(root, 'node_modules/.bin/nx'),
    ['run-many', '-t', 'build', '-p', '@max/rig', '@max/local', '--outputStyle=static'],
    { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' } },
  );
  if (result.status !== 0) throw new Error('build failed');
  process.stdout.write('   built apps/cli/dist and apps/max-local/dist\n');
}

const dataDir = mkdtempSync(join(tmpdir(), 'max-demo-data-'));
const configDir = mkdtempSync(join(tmpdir(), 'rig-demo-config-'));
const rigEnv = {
  ...process.env,
  RIG_CONFIG_DIR: configDir,
  // The demo must not touch your real keychain or login: everything lives in a temporary config dir.
  RIG_CREDENTIAL_STORE: 'file',
};
delete rigEnv.RIG_TOKEN;
delete rigEnv.RIG_API_URL;
delete rigEnv.RIG_OUTPUT;

/** Runs `rig …` with its output on this terminal; resolves to its exit code. */
function rig(args, { expectCode = 0 } = {}) {
  process.stdout.write(`\n${cyan(`$ rig ${args.join(' ')}`)}\n`);
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [rigBin, ...args], { cwd: root, env: rigEnv, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== expectCode) reject(new Error(`rig ${args.join(' ')} exited ${code}, expected ${expectCode}`));
      else resolvePromise(code);
    });
  });
}

/** `rig login`: echoes its prompt, reads the user code from it, and approves it like a browser. */
function login(apiUrl, approve) {
  process.stdout.write(`\n${cyan(`$ rig login --api-url ${apiUrl}`)}\n`);
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [rigBin, 'login', '--api-url', apiUrl], {
      cwd: root,
      env: rigEnv,
      stdio: ['ignore', 'inherit', 'pipe'],
    });
    let seen = '';
    let approving = false;
    child.stderr.on('data', (chunk) => {
      process.stderr.write(chunk);
      seen += chunk.toString();
      const match = /\b([A-Z]{4}-[A-Z]{4})\b/.exec(seen);
      if (match && !approving) {
        approving = true;
        process.stdout.write(dim(`   (the demo now plays the browser: it opens the admin link, enters ${match[1]} and clicks Approve)\n`));
        approve(match[1]).catch((err) => {
          child.kill();
          reject(err);
        });
      }
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolvePromise() : reject(new Error(`rig login exited ${code}`))));
  });
}

/** GETs an app through max-local's router by its hostname, like a browser would with DNS for *.localhost. */
function visit(routerUrl, hostname) {
  const router = new URL(routerUrl);
  process.stdout.write(`\n${cyan(`$ curl -H 'Host: ${hostname}' ${routerUrl}/`)}\n`);
  return new Promise((resolvePromise, reject) => {
    const req = request({ host: router.hostname, port: router.port, path: '/', headers: { host: hostname } }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk) => (body += chunk));
      res.on('end', () => {
        process.stdout.write(body.endsWith('\n') ? body : `${body}\n`);
        if (res.statusCode !== 200) reject(new Error(`GET ${hostname} answered ${res.statusCode}`));
        else resolvePromise(body);
      });
    });
    req.on('error', reject);
    req.end();
  });
}

/** The router switches to a config release once it is healthy; poll briefly until the app answers with `expected`. */
async function visitUntil(routerUrl, hostname, expected) {
  for (let i = 0; i < 50; i++) {
    const body = await visitQuietly(routerUrl, hostname);
    if (expected.test(body)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return visit(routerUrl, hostname);
}

function visitQuietly(routerUrl, hostname) {
  const router = new URL(routerUrl);
  return new Promise((resolvePromise) => {
    const req = request({ host: router.hostname, port: router.port, path: '/', headers: { host: hostname } }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk) => (body += chunk));
      res.on('end', () => resolvePromise(body));
    });
    req.on('error', () => resolvePromise(''));
    req.end();
  });
}

async function main() {
  process.stdout.write(`${bold('rig demo')} — the Max toolkit against max-local, Max in one process.\n`);
  build();

  step('Start max-local', 'The whole platform in this process: REST API, device-login page and SQLite state, on a free port.');
  const { startMaxLocal, approveDeviceLogin } = await import(pathToFileURL(join(root, 'apps/max-local/dist/index.mjs')).href);
  const max = await startMaxLocal({ port: 0, routerPort: 0, dataDir, deviceCodeIntervalSeconds: 1 });
  process.stdout.write(`   API:       ${max.url}\n   apps:      ${max.routerUrl} (the hostname router)\n   data dir:  ${dataDir}\n`);
  try {
    step(
      'Log in with the device flow',
      'rig asks Max for a one-time code and shows it with a URL. You would open the URL in a browser, sign in and approve;\n' +
        'rig polls until you do, then stores the session (in your OS keychain where one works — here, a 0600 file in a temp dir).',
    );
    await login(max.url, (userCode) => approveDeviceLogin({ baseUrl: max.url, adminLoginUrl: max.adminLoginUrl, userCode }));
    await rig(['whoami']);

    step('Create a network and an app', 'A network groups apps; every app gets the hostname <app>.<network>.localhost.');
    await rig(['create', 'network', 'demo', '--description', 'The demo network']);
    await rig(['create', 'app', 'demo/web', '--description', 'Front end']);
    await rig(['create', 'app', 'api', '--network', 'demo']);

    step(
      'Deploy an app',
      'rig uploads only the files the platform lacks (content-addressed), streams the build, waits for the health check\n' +
        'and prints the URL. Exit codes say what happened: 0 live, 10 build failed, 11 unhealthy, 20 timed out.',
    );
    await rig(['deploy', 'examples/node-http', '--app', 'demo/web', '--message', 'first deploy']);
    await visit(max.routerUrl, 'web.demo.localhost');

    step('Change a var: a new release', 'Config changes make a release too, so a rollback restores code and config together.');
    await rig(['create', 'var', 'GREETING=Bonjour', '--app', 'demo/web']);
    await visitUntil(max.routerUrl, 'web.demo.localhost', /^Bonjour/);

    step('Roll back', 'Back to the release before: the greeting var is gone again, served by a new release.');
    await rig(['rollback', 'app', 'demo/web']);
    await visit(max.routerUrl, 'web.demo.localhost');
    await rig(['releases', 'demo/web']);

    step('Look at them', 'Tables on a terminal (tab-separated when piped), and the same data as JSON with -o json.');
    await rig(['status', 'network']);
    await rig(['status', 'app', '--network', 'demo']);
    await rig(['details', 'app', 'demo/web']);
    await rig(['details', 'network', 'demo', '-o', 'json']);

    step('Make a mistake', 'Names are DNS labels. rig checks before it sends anything, explains, and exits 6 (rejected input).');
    await rig(['create', 'network', 'My_Network'], { expectCode: 6 });
    process.stdout.write(dim('   exit code 6 — every exit code is documented in docs/cli/exit-codes.md\n'));
    await rig(['status', 'app', 'demo/nope'], { expectCode: 4 });
    process.stdout.write(dim('   exit code 4 — not found\n'));

    step('Clean up', 'Deleting needs --yes when nobody is at a terminal to confirm.');
    await rig(['delete', 'network', 'demo', '--force', '--yes']);
    await rig(['logout']);
  } finally {
    await max.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(configDir, { recursive: true, force: true });
  }
  step('Done', 'max-local stopped and the temporary data and config dirs are gone. Next: npx max-local, then npx rig login.');
}

main().catch((err) => {
  process.stderr.write(`\ndemo failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
