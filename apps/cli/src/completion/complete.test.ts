import { describe, expect, it } from 'vitest';
import { commands } from '../commands/definitions.js';
import { complete, type CompletionSources } from './complete.js';
import { completionScript, formatCandidate } from './scripts.js';
import { runComplete } from './run-complete.js';

/** Fake platform names; each source records that it was asked (completion must not ask when it need not). */
function sources(): CompletionSources & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    networks: async () => (asked.push('networks'), [{ value: 'prod' }, { value: 'staging' }]),
    apps: async (network) => {
      asked.push(`apps:${network ?? '*'}`);
      const all = [
        { network: 'prod', name: 'web' },
        { network: 'prod', name: 'api' },
        { network: 'staging', name: 'web' },
      ];
      return network ? all.filter((a) => a.network === network).map((a) => ({ value: a.name })) : all.map((a) => ({ value: `${a.network}/${a.name}` }));
    },
    deployments: async () => (asked.push('deployments'), [{ value: 'dep_1' }]),
    contexts: async () => (asked.push('contexts'), [{ value: 'local' }, { value: 'max.example.com' }]),
  };
}

const values = async (line: string[]) => (await complete(line, commands, sources())).candidates.map((c) => c.value);

describe('complete: argv table', () => {
  it.each([
    [['cr'], ['create']],
    [['st'], ['status']],
    [['who'], ['whoami']],
    [['create', ''], ['network', 'app', 'var', 'secret']],
    [['create', 'n'], ['network']],
    [['context', ''], ['list', 'use']],
    [['status', 'app', ''], ['prod/web', 'prod/api', 'staging/web']],
    [['status', 'app', 'prod/'], ['prod/web', 'prod/api']],
    [['status', 'app', '--network', 'prod', ''], ['web', 'api']],
    [['status', 'app', '-n', 'prod', 'a'], ['api']],
    [['details', 'network', ''], ['prod', 'staging']],
    [['logs', 'app', 'st'], ['staging/web']],
    [['logs', 'build', ''], ['dep_1']],
    [['create', 'app', '--network', ''], ['prod', 'staging']],
    [['history', '--app', 'prod/w'], ['prod/web']],
    [['status', 'network', '--sort', '-'], ['-name', '-created']],
    [['whoami', '-o', ''], ['table', 'json', 'jsonl']],
    [['whoami', '--output=js'], ['--output=json', '--output=jsonl']],
    [['completion', ''], ['bash', 'zsh', 'fish']],
    [['context', 'use', 'max'], ['max.example.com']],
    [['create', 'network', ''], []],
    [['frobnicate', ''], []],
    [['create', 'network', '--d'], ['--description']],
    [['status', 'network', '--filter', '--'], []],
  ])('rig %j', async (line, expected) => {
    expect(await values(line)).toEqual(expected);
  });

  it('offers the command’s own flags plus the global ones, and no flag of another command', async () => {
    const flags = await values(['create', 'network', '--']);
    expect(flags).toContain('--description');
    expect(flags).toContain('--output');
    expect(flags).not.toContain('--network');
    expect(flags).not.toContain('--name');
  });

  it('falls back to file names for file arguments and file flags', async () => {
    expect(await complete(['config', 'apply', ''], commands, sources())).toEqual({ candidates: [], files: true });
    expect(await complete(['deploy', ''], commands, sources())).toEqual({ candidates: [], files: true });
    expect((await complete(['config', 'apply', 'x.json', '--secrets-from-env-file', ''], commands, sources())).files).toBe(true);
  });

  it('asks the platform only when the word needs platform names', async () => {
    const s = sources();
    await complete(['cr'], commands, s);
    await complete(['status', 'app', '--'], commands, s);
    expect(s.asked).toEqual([]);
    await complete(['status', 'app', ''], commands, s);
    expect(s.asked).toEqual(['apps:*']);
  });
});

describe('runComplete (rig __complete)', () => {
  const run = async (args: string[], s: CompletionSources | undefined = sources()) => {
    let stdout = '';
    let stderr = '';
    const io = {
      stdout: { write: (c: string) => (stdout += c) },
      stderr: { write: (c: string) => (stderr += c) },
      stdin: process.stdin,
      env: {},
      isStdoutTTY: false,
      isStderrTTY: false,
      isStdinTTY: false,
      cwd: process.cwd(),
      columns: undefined,
    };
    const code = await runComplete(args, io, s);
    return { code, stdout, stderr };
  };

  it('prints one candidate per line and a directive, with descriptions for zsh and fish', async () => {
    expect(await run(['bash', 'cr'])).toEqual({ code: 0, stdout: 'create\n:nofiles\n', stderr: '' });
    expect((await run(['fish', 'cr'])).stdout).toMatch(/^create\tnetwork, app, var, secret\n:nofiles\n$/);
    expect((await run(['zsh', 'config', 'apply', ''])).stdout).toBe(':files\n');
  });

  it('never fails and never writes to stderr, even when a source throws', async () => {
    const broken: CompletionSources = {
      networks: () => Promise.reject(new Error('boom')),
      apps: () => Promise.reject(new Error('boom')),
      deployments: () => Promise.reject(new Error('boom')),
      contexts: () => Promise.reject(new Error('boom')),
    };
    expect(await run(['bash', 'status', 'app', ''], broken)).toEqual({ code: 0, stdout: ':nofiles\n', stderr: '' });
  });
});

describe('completion scripts', () => {
  it('each shell script calls the hidden __complete entry', () => {
    for (const shell of ['bash', 'zsh', 'fish'] as const) expect(completionScript(shell)).toContain(`rig __complete ${shell}`);
  });

  it('escapes what zsh’s _describe would read as a separator', () => {
    expect(formatCandidate('zsh', 'a:b', 'x')).toBe('a\\:b:x');
    expect(formatCandidate('fish', 'web', 'running\tnow')).toBe('web\trunning now');
    expect(formatCandidate('bash', 'web', 'running')).toBe('web');
  });
});
