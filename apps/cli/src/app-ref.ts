import { UsageError } from './errors/cli-error.js';

export interface AppRef {
  readonly network: string;
  readonly app: string;
}

/**
 * Reads an app reference: `<network>/<app>`, or `<app>` with `--network <network>` (ARCHITECTURE.md §3). Only the
 * shape is checked here; whether the names are valid is for the SDK and the platform to say (exit 6).
 */
export function parseAppRef(ref: string, networkFlag: string | undefined): AppRef {
  const slash = ref.indexOf('/');
  if (slash === -1) {
    if (networkFlag === undefined || networkFlag === '') {
      throw new UsageError(`Which network is the app "${ref}" in?`, `Write <network>/<app> (e.g. prod/${ref}) or pass --network <network>.`);
    }
    return { network: networkFlag, app: ref };
  }
  const network = ref.slice(0, slash);
  const app = ref.slice(slash + 1);
  if (network === '' || app === '' || app.includes('/')) {
    throw new UsageError(`"${ref}" is not an app reference.`, 'Write <network>/<app>, e.g. prod/web.');
  }
  if (networkFlag !== undefined && networkFlag !== network) {
    throw new UsageError(`"${ref}" names the network "${network}", but --network says "${networkFlag}".`, 'Pass only one of them.');
  }
  return { network, app };
}
