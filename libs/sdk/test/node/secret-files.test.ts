import { afterEach, describe, expect, it } from 'vitest';
import { walkSourceTree } from '../../src/node/index.js';
import { makeTree, type TreeSpec } from './make-tree.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

async function walk(spec: TreeSpec) {
  const tree = await makeTree(spec);
  cleanups.push(tree.cleanup);
  return walkSourceTree(tree.dir);
}

/** Every kind of secret-like file, with the reason the user is shown. */
const SECRETS: Record<string, string> = {
  '.env': 'environment file',
  '.env.local': 'environment file',
  'config/.env.production': 'environment file',
  '.ENV': 'environment file',
  'certs/server.pem': 'private key',
  'certs/server.key': 'private key',
  'certs/client.p12': 'private key',
  'certs/client.pfx': 'private key',
  'deploy/id_rsa': 'SSH private key',
  'deploy/id_ed25519': 'SSH private key',
  'deploy/id_ed25519_github': 'SSH private key',
  '.aws/credentials': 'AWS credentials',
  'home/.docker/config.json': 'Docker registry credentials',
  'credentials.json': 'cloud credentials',
  'gcp/service-account-prod.json': 'cloud credentials',
  '.netrc': 'password file',
  '.pgpass': 'password file',
  'infra/terraform.tfstate': 'Terraform state',
};

/** Look-alikes that are not secrets and must be uploaded. */
const NOT_SECRETS = [
  '.env.example', '.env.sample', '.env.template', 'deploy/id_rsa.pub', 'environment.js', 'keys.js', 'src/env.ts',
  '.aws/config', 'docker/config.json', 'package.json', 'monkey.txt',
];

describe('secret-like files', () => {
  it('excludes each kind, says why, and keeps look-alikes', async () => {
    const spec: TreeSpec = {};
    for (const path of [...Object.keys(SECRETS), ...NOT_SECRETS]) spec[path] = 'x';
    const { files, excluded } = await walk(spec);
    expect(files.map((f) => f.path).sort()).toEqual([...NOT_SECRETS].sort());
    expect(Object.fromEntries(excluded.map((e) => [e.path, e.reason]))).toEqual(
      Object.fromEntries(Object.entries(SECRETS).map(([path, what]) => [path, `secret-like: ${what}`])),
    );
    expect(excluded.every((e) => e.kind === 'secret-like')).toBe(true);
  });

  it('excludes .npmrc only when it carries a credential', async () => {
    const { files, excluded } = await walk({
      '.npmrc': 'registry=https://registry.example.test/\n//registry.example.test/:_authToken=npm_abc123\n',
      'pkg/.npmrc': 'registry=https://registry.example.test/\nengine-strict=true\n',
      '.yarnrc.yml': 'npmAuthToken: "abc"\n',
      'py/.pypirc': '[pypi]\nusername = __token__\npassword = pypi-abc\n',
    });
    expect(files.map((f) => f.path)).toEqual(['pkg/.npmrc']);
    expect(excluded.map((e) => [e.path, e.reason])).toEqual([
      ['.npmrc', 'secret-like: package registry credentials'],
      ['.yarnrc.yml', 'secret-like: package registry credentials'],
      ['py/.pypirc', 'secret-like: package registry credentials'],
    ]);
  });

  it('uploads a secret-like file only when .rigignore names it with !pattern', async () => {
    const { files, excluded } = await walk({
      '.gitignore': '!.env.production\n.env.staging\n',
      '.rigignore': '!.env.staging\n!certs/*.pem\n',
      '.env.production': 'a .gitignore negation is not enough',
      '.env.staging': 'excluded by .gitignore, re-included by .rigignore',
      'certs/public.pem': 'x',
      'certs/private.key': 'x',
      'sub/.rigignore': '!.env\n',
      'sub/.env': 'x',
      '.env': 'the sub/.rigignore does not reach the root',
    });
    expect(files.map((f) => f.path)).toEqual(['.gitignore', '.rigignore', '.env.staging', 'certs/public.pem', 'sub/.env', 'sub/.rigignore'].sort(
      (a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)),
    ));
    expect(excluded.map((e) => [e.path, e.kind])).toEqual([
      ['.env', 'secret-like'],
      ['.env.production', 'secret-like'],
      ['certs/private.key', 'secret-like'],
    ]);
  });
});
