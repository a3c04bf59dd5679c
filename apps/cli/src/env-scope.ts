import { parseAppRef } from './app-ref.js';
import type { Invocation } from './commands/command-def.js';
import { stringOption } from './commands/views.js';
import { UsageError } from './errors/cli-error.js';

/** Where vars and secrets live: a network, or one app of it (`app` null = the network itself). */
export interface EnvScopeRef {
  readonly network: string;
  readonly app: string | null;
}

/** `--network N`, `--app A --network N` or `--app N/A`; one of them is required. */
export function parseEnvScope(invocation: Invocation): EnvScopeRef {
  const network = stringOption(invocation.options['network']);
  const app = stringOption(invocation.options['app']);
  if (app !== undefined) {
    const ref = parseAppRef(app, network);
    return { network: ref.network, app: ref.app };
  }
  if (network === undefined || network === '') {
    throw new UsageError('Which network (or app)?', 'Pass --network <network>, and --app <app> for an app (or --app <network>/<app>).');
  }
  return { network, app: null };
}

/** For the SDK: `{network}` or `{network, app}`. */
export function sdkScope(scope: EnvScopeRef): { network: string; app?: string } {
  return scope.app === null ? { network: scope.network } : { network: scope.network, app: scope.app };
}

/** "network prod" / "app prod/web", for messages. */
export function describeScope(scope: EnvScopeRef): string {
  return scope.app === null ? `network ${scope.network}` : `app ${scope.network}/${scope.app}`;
}
