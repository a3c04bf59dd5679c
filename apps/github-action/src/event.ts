import { readFileSync } from 'node:fs';
import type { EventFacts } from './inputs.js';
import { InputError } from './inputs.js';

interface Payload {
  head_commit?: { message?: unknown } | null;
  pull_request?: { number?: unknown; title?: unknown; head?: { sha?: unknown } } | null;
  action?: unknown;
  repository?: { name?: unknown; owner?: { login?: unknown } } | null;
}

const firstLine = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.split('\n')[0]?.trim() : undefined);

/**
 * The facts of the triggering event that the Action uses, from the runner's environment (`GITHUB_EVENT_NAME`,
 * `GITHUB_SHA`, `GITHUB_REPOSITORY`) and the webhook payload at `GITHUB_EVENT_PATH`.
 */
export function readEvent(env: Readonly<Record<string, string | undefined>>): EventFacts {
  const name = env['GITHUB_EVENT_NAME'] ?? '';
  let payload: Payload = {};
  const path = env['GITHUB_EVENT_PATH'];
  if (path !== undefined && path !== '') {
    try {
      payload = JSON.parse(readFileSync(path, 'utf8')) as Payload;
    } catch (error) {
      throw new InputError(`The event payload at GITHUB_EVENT_PATH could not be read: ${(error as Error).message}`);
    }
  }
  const [envOwner, envRepo] = (env['GITHUB_REPOSITORY'] ?? '/').split('/');
  const owner = typeof payload.repository?.owner?.login === 'string' ? payload.repository.owner.login : (envOwner ?? '');
  const repo = typeof payload.repository?.name === 'string' ? payload.repository.name : (envRepo ?? '');
  const pr = payload.pull_request;
  const prNumber = typeof pr?.number === 'number' && Number.isSafeInteger(pr.number) && pr.number > 0 ? pr.number : undefined;
  const headSha = typeof pr?.head?.sha === 'string' ? pr.head.sha : undefined;
  return {
    name,
    // On pull_request GITHUB_SHA is the merge commit; the head commit is what people recognise.
    sha: headSha ?? env['GITHUB_SHA'] ?? '',
    title: firstLine(pr?.title) ?? firstLine(payload.head_commit?.message),
    pullRequest: prNumber === undefined ? undefined : { number: prNumber, action: typeof payload.action === 'string' ? payload.action : undefined, owner, repo },
  };
}
