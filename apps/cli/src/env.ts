/**
 * Every environment variable rig reads, in one typed registry (ARCHITECTURE.md §5). The docs page lists them
 * from here, and code reads them only through `readEnv` so a new variable cannot go undocumented.
 */
export interface EnvVarDef {
  readonly name: string;
  readonly description: string;
  /** Accepted values, for the docs. */
  readonly values?: string;
}

export const envVars = [
  {
    name: 'RIG_TOKEN',
    description:
      'A token to use instead of the stored login (an API token from `max-local token create`, or an access token). Used as-is: never refreshed and never stored. Takes precedence over the keychain and the credentials file.',
  },
  {
    name: 'RIG_API_URL',
    description: 'The Max API URL when neither `--api-url` nor RIG_CONTEXT is given. Default: the current context (`rig context use`, else the last login), else `http://127.0.0.1:4000`.',
  },
  {
    name: 'RIG_CONTEXT',
    description:
      'Use this context (a named API URL, `rig context list`) for one command instead of the current one. `--api-url` still wins; it wins over RIG_API_URL.',
  },
  {
    name: 'RIG_CONFIG_DIR',
    description: 'Where rig keeps its config and, with the file store, `credentials.json`. Default: `$XDG_CONFIG_HOME/rig` or `~/.config/rig`.',
  },
  {
    name: 'RIG_OUTPUT',
    description: 'The output mode when neither `-o` nor `--json` is given.',
    values: 'table | json | jsonl',
  },
  {
    name: 'RIG_CREDENTIAL_STORE',
    description:
      'Where logins are stored. `auto` uses the OS keychain when a probe works and falls back to the file store otherwise (`rig whoami` says why).',
    values: 'auto | keychain | file',
  },
  {
    name: 'NO_COLOR',
    description: 'When set to any non-empty value, rig prints no colours (https://no-color.org). Same as `--no-color`.',
  },
] as const satisfies readonly EnvVarDef[];

export type EnvName = (typeof envVars)[number]['name'];

/** The environment as rig sees it: a plain record, injectable for tests. */
export type Env = Readonly<Record<string, string | undefined>>;

/** Reads a registered variable; an empty value counts as unset (the usual shell convention). */
export function readEnv(env: Env, name: EnvName): string | undefined {
  const value = env[name];
  return value === undefined || value === '' ? undefined : value;
}
