import { dirname, resolve } from 'node:path';
import { listContexts, resolveConfigDir, resolveCredentials } from '@max/rig-auth';
import { MaxClient } from '@max/rig-sdk';
import { commands } from '../commands/definitions.js';
import { readEnv } from '../env.js';
import type { Io } from '../io.js';
import { complete, type Candidate, type CompletionSources } from './complete.js';
import { completionShells, formatCandidate, type CompletionShell } from './scripts.js';

/**
 * How long completion may spend asking the platform (and the keychain) for names. A shell waits for us on every
 * TAB: past this, it gets the static candidates (or nothing) instead of a hang.
 */
export const COMPLETION_BUDGET_MS = 1_000;

interface PlatformNames {
  networks: Candidate[];
  apps: { network: string; name: string; status: string }[];
  deployments: Candidate[];
}

/** `--api-url <url>` / `--config <file>` typed on the line being completed apply to its lookups too. */
function flagValue(words: readonly string[], flag: string): string | undefined {
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    if (word === flag) return words[i + 1];
    if (word.startsWith(`${flag}=`)) return word.slice(flag.length + 1);
  }
  return undefined;
}

/**
 * Asks the platform for the caller's networks, apps and latest deployments in ONE request (the dashboard), once
 * per completion, without prompting, retrying or refreshing interactively; any failure is "no names".
 */
async function fetchNames(words: readonly string[], io: Io, signal: AbortSignal): Promise<PlatformNames | undefined> {
  const apiUrl = flagValue(words, '--api-url');
  const config = flagValue(words, '--config');
  const context = readEnv(io.env, 'RIG_CONTEXT');
  const credentials = await resolveCredentials({
    env: io.env,
    keychainTimeoutMs: COMPLETION_BUDGET_MS,
    ...(apiUrl !== undefined ? { apiUrl } : context !== undefined ? { profile: context } : {}),
    ...(config !== undefined ? { configDir: dirname(resolve(io.cwd, config)) } : {}),
  });
  if (!credentials.tokenProvider || signal.aborted) return undefined;
  const client = new MaxClient({ apiUrl: credentials.apiUrl, token: credentials.tokenProvider, retry: false, timeoutMs: COMPLETION_BUDGET_MS });
  const dashboard = await client.dashboard.get({ events: 0 }, { signal });
  return {
    networks: dashboard.networks.map((n) => ({ value: n.name, description: `${n.app_count} app${n.app_count === 1 ? '' : 's'}` })),
    apps: dashboard.apps.map((a) => ({ network: a.network, name: a.name, status: a.status })),
    deployments: dashboard.apps.flatMap((a) =>
      a.latest_deployment ? [{ value: a.latest_deployment.id, description: `${a.network}/${a.name}, ${a.latest_deployment.state}` }] : [],
    ),
  };
}

/** Sources that fetch at most once and give up when the budget is spent. */
function platformSources(words: readonly string[], io: Io): CompletionSources {
  let names: Promise<PlatformNames | undefined> | undefined;
  const load = (): Promise<PlatformNames | undefined> => {
    names ??= (async () => {
      const controller = new AbortController();
      let timer: NodeJS.Timeout | undefined;
      const budget = new Promise<undefined>((resolve) => {
        timer = setTimeout(() => {
          controller.abort();
          resolve(undefined);
        }, COMPLETION_BUDGET_MS);
      });
      try {
        return await Promise.race([fetchNames(words, io, controller.signal).catch(() => undefined), budget]);
      } finally {
        clearTimeout(timer);
      }
    })();
    return names;
  };
  return {
    networks: async () => (await load())?.networks ?? [],
    apps: async (network) => {
      const apps = (await load())?.apps ?? [];
      return network !== undefined
        ? apps.filter((a) => a.network === network).map((a) => ({ value: a.name, description: a.status }))
        : apps.map((a) => ({ value: `${a.network}/${a.name}`, description: a.status }));
    },
    deployments: async () => (await load())?.deployments ?? [],
    contexts: async () => {
      try {
        const contexts = await listContexts(resolveConfigDir(io.env));
        return contexts.map((c) => ({ value: c.name, description: c.apiUrl }));
      } catch {
        return [];
      }
    },
  };
}

/**
 * The hidden `rig __complete <shell> <words…>` the completion scripts call: candidates on stdout, one per line,
 * then `:files` or `:nofiles`. Always exit 0 and never a word on stderr — a shell prints whatever we print.
 */
export async function runComplete(args: readonly string[], io: Io, sources?: CompletionSources): Promise<number> {
  const [shellArg, ...words] = args;
  const shell: CompletionShell = (completionShells as readonly string[]).includes(shellArg ?? '') ? (shellArg as CompletionShell) : 'bash';
  try {
    const result = await complete(words.length === 0 ? [''] : words, commands, sources ?? platformSources(words, io));
    const lines = result.candidates.map((c) => formatCandidate(shell, c.value, c.description));
    io.stdout.write([...lines, result.files ? ':files' : ':nofiles'].join('\n') + '\n');
  } catch {
    io.stdout.write(':nofiles\n');
  }
  return 0;
}
