import * as core from '@actions/core';
import { MaxAppRefError, parseAppRef, type AppRef } from '@max/rig-sdk';

/** The Action's inputs and outputs by name (action.yml declares the same). */
export const Inputs = {
  ApiUrl: 'api-url',
  Token: 'token',
  Command: 'command',
  App: 'app',
  Dir: 'dir',
  Create: 'create',
  Message: 'message',
  Timeout: 'timeout',
  Rollback: 'rollback',
  Config: 'config',
  Secrets: 'secrets',
  Args: 'args',
  PreviewNetwork: 'preview-network',
  PreviewName: 'preview-name',
  GithubToken: 'github-token',
  StabilizationSeconds: 'stabilization-seconds',
} as const;

export const Outputs = {
  Url: 'url',
  Release: 'release',
  DeploymentId: 'deployment-id',
  Status: 'status',
  PreviousRelease: 'previous-release',
  ExitCode: 'exit-code',
} as const;

export const COMMANDS = ['deploy', 'preview', 'preview-teardown', 'config-apply', 'run'] as const;
export type Command = (typeof COMMANDS)[number];

/** A bad input: named, explained, and raised before anything is sent. */
export class InputError extends Error {
  override readonly name = 'InputError';
}

/** What the event that started the workflow says about the commit and the pull request. */
export interface EventFacts {
  readonly name: string;
  readonly sha: string;
  readonly title: string | undefined;
  readonly pullRequest: { number: number; action: string | undefined; owner: string; repo: string } | undefined;
}

/** Everything the run needs, checked. */
export interface ActionInputs {
  readonly apiUrl: string;
  readonly token: string | undefined;
  readonly command: Command;
  /** `deploy`, `config-apply` (optional), `run`: the app; `preview`/`preview-teardown`: the base app. */
  readonly app: AppRef | undefined;
  readonly dir: string;
  readonly create: boolean;
  readonly message: string | undefined;
  readonly timeoutMs: number;
  readonly rollback: boolean;
  readonly config: string | undefined;
  /** Secret values for `config-apply` (dotenv text; every value is masked before anything else). */
  readonly secrets: string | undefined;
  readonly args: string[];
  readonly preview: { network: string; name: string } | undefined;
  readonly githubToken: string | undefined;
  readonly stabilizationSeconds: number | undefined;
  readonly event: EventFacts;
}

const DURATION = /^(\d+)(ms|s|m|h)?$/;
const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;

/** `90s`, `15m`, `1h`, or bare seconds. */
export function parseTimeout(value: string): number {
  const match = DURATION.exec(value.trim());
  const amount = match ? Number(match[1]) : Number.NaN;
  const ms = match ? amount * UNIT_MS[(match[2] ?? 's') as keyof typeof UNIT_MS] : Number.NaN;
  if (!Number.isSafeInteger(ms) || ms < 1000 || ms > 6 * 3_600_000) {
    throw new InputError(`Input "timeout" must be a duration between 1s and 6h, such as 90s, 15m or 1h (got "${value}").`);
  }
  return ms;
}

function booleanInput(name: string, fallback: boolean): boolean {
  const raw = core.getInput(name).trim().toLowerCase();
  if (raw === '') return fallback;
  if (['true', 'yes', 'on', '1'].includes(raw)) return true;
  if (['false', 'no', 'off', '0'].includes(raw)) return false;
  throw new InputError(`Input "${name}" must be true or false (got "${raw}").`);
}

function optional(name: string): string | undefined {
  const value = core.getInput(name);
  return value === '' ? undefined : value;
}

/**
 * Splits `args` into argv: a JSON array of strings as-is, else words separated by white space with '…' and "…"
 * grouping (no expansion: nothing runs a shell on the runner).
 */
export function parseArgs(value: string): string[] {
  const text = value.trim();
  if (text === '') return [];
  if (text.startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new InputError('Input "args" starts with "[" but is not a JSON array of strings.');
    }
    if (!Array.isArray(parsed) || parsed.length === 0 || !parsed.every((a) => typeof a === 'string')) {
      throw new InputError('Input "args" must be a non-empty JSON array of strings.');
    }
    return parsed as string[];
  }
  const words: string[] = [];
  let current = '';
  let quote: '"' | "'" | undefined;
  let inWord = false;
  for (const ch of text) {
    if (quote !== undefined) {
      if (ch === quote) quote = undefined;
      else current += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
    } else {
      current += ch;
      inWord = true;
    }
  }
  if (quote !== undefined) throw new InputError(`Input "args" has an unclosed ${quote} quote.`);
  if (inWord) words.push(current);
  return words;
}

function appInput(required: boolean, what: string): AppRef | undefined {
  const raw = optional(Inputs.App);
  if (raw === undefined) {
    if (required) throw new InputError(`Input "app" is required for ${what}: write <network>/<app>, e.g. prod/web.`);
    return undefined;
  }
  try {
    return parseAppRef(raw.trim());
  } catch (error) {
    if (error instanceof MaxAppRefError) throw new InputError(`Input "app": ${error.message} ${error.hint}`);
    throw error;
  }
}

const NAME = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** `pr-{number}` → `pr-7`; the result must be a valid app name. */
export function previewName(template: string, pr: number): string {
  const name = template.replaceAll('{{number}}', String(pr)).replaceAll('{number}', String(pr));
  if (!NAME.test(name)) {
    throw new InputError(`Input "preview-name" makes "${name}", which is not an app name (lowercase letters, digits and "-", starting with a letter).`);
  }
  return name;
}

/** Reads and checks every input, and the event, before anything is sent. */
export function readInputs(event: EventFacts, env: Readonly<Record<string, string | undefined>>): ActionInputs {
  const apiUrl = (optional(Inputs.ApiUrl) ?? env['RIG_API_URL'] ?? '').trim();
  if (apiUrl === '') throw new InputError('Input "api-url" is required: the Max API URL, e.g. https://api.max.example.');
  let url: URL;
  try {
    url = new URL(apiUrl);
  } catch {
    throw new InputError(`Input "api-url" is not a URL (got "${apiUrl}").`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new InputError('Input "api-url" must be an http(s) URL.');
  if (url.username !== '' || url.password !== '') throw new InputError('Input "api-url" must not carry credentials; pass the token in "token".');

  const commandRaw = (optional(Inputs.Command) ?? 'deploy').trim();
  if (!(COMMANDS as readonly string[]).includes(commandRaw)) {
    throw new InputError(`Input "command" must be one of ${COMMANDS.join(', ')} (got "${commandRaw}").`);
  }
  const command = commandRaw as Command;
  const app = appInput(command !== 'config-apply', `command: ${command}`);
  const config = optional(Inputs.Config);
  if (command === 'config-apply' && config === undefined) throw new InputError('Input "config" is required for command: config-apply (a config document path).');
  const args = parseArgs(core.getInput(Inputs.Args));
  if (command === 'run' && args.length === 0) throw new InputError('Input "args" is required for command: run (the command to run in the app).');
  const stabilizationRaw = optional(Inputs.StabilizationSeconds);
  const stabilizationSeconds = stabilizationRaw === undefined ? undefined : Number(stabilizationRaw);
  if (stabilizationSeconds !== undefined && (!Number.isSafeInteger(stabilizationSeconds) || stabilizationSeconds < 0 || stabilizationSeconds > 300)) {
    throw new InputError(`Input "stabilization-seconds" must be a whole number from 0 to 300 (got "${stabilizationRaw ?? ''}").`);
  }

  let preview: ActionInputs['preview'];
  if (command === 'preview' || command === 'preview-teardown') {
    const pr = event.pullRequest;
    if (pr === undefined) {
      throw new InputError(`command: ${command} runs on pull_request events (this run is "${event.name}"): it needs the pull request number.`);
    }
    preview = {
      network: (optional(Inputs.PreviewNetwork) ?? app?.network ?? '').trim(),
      name: previewName((optional(Inputs.PreviewName) ?? 'pr-{number}').trim(), pr.number),
    };
    if (!NAME.test(preview.network)) throw new InputError(`Input "preview-network" is not a network name (got "${preview.network}").`);
    if (app !== undefined && preview.network === app.network && preview.name === app.app) {
      throw new InputError(`The preview app would be the base app ${app.network}/${app.app} itself; choose another "preview-name".`);
    }
  }

  return {
    apiUrl: url.toString().replace(/\/$/, ''),
    token: optional(Inputs.Token)?.trim(),
    command,
    app,
    dir: optional(Inputs.Dir) ?? '.',
    create: booleanInput(Inputs.Create, command === 'preview'),
    message: optional(Inputs.Message) ?? defaultMessage(event),
    timeoutMs: parseTimeout(optional(Inputs.Timeout) ?? '15m'),
    rollback: booleanInput(Inputs.Rollback, true),
    config,
    secrets: optional(Inputs.Secrets),
    args,
    preview,
    githubToken: optional(Inputs.GithubToken) ?? env['GITHUB_TOKEN'],
    stabilizationSeconds,
    event,
  };
}

/** The default deploy message: the short commit SHA and the commit's (or pull request's) title. */
export function defaultMessage(event: EventFacts): string | undefined {
  if (event.sha === '') return event.title;
  const short = event.sha.slice(0, 7);
  return event.title === undefined ? short : `${short} ${event.title}`.slice(0, 500);
}
