import { MaxValidationError } from '../errors/error-classes.js';

/**
 * An app named by its network and its name (ARCHITECTURE.md §3).
 *
 * @example
 * ```ts
 * const ref: AppRef = { network: 'prod', app: 'web' };
 * ```
 */
export interface AppRef {
  readonly network: string;
  readonly app: string;
}

/**
 * A reference that does not name one app: `hint` says how to write it. Raised before anything is sent.
 *
 * @example
 * ```ts
 * try { parseAppRef('web'); } catch (err) { if (err instanceof MaxAppRefError) console.error(err.message, err.hint); }
 * ```
 */
export class MaxAppRefError extends MaxValidationError {
  override readonly name = 'MaxAppRefError';
  readonly hint: string;
  constructor(message: string, hint: string) {
    super({ code: 'invalid_app_ref', message, details: { hint } });
    this.hint = hint;
  }
}

/**
 * Reads an app reference: `<network>/<app>`, or `<app>` with a separately given network (the CLI's `--network`,
 * the Action's input). Only the shape is checked; whether the names are valid is for the platform to say.
 *
 * @example
 * ```ts
 * parseAppRef('prod/web'); // { network: 'prod', app: 'web' }
 * parseAppRef('web', 'prod'); // { network: 'prod', app: 'web' }
 * ```
 */
export function parseAppRef(ref: string, network?: string, networkWord = '--network'): AppRef {
  const slash = ref.indexOf('/');
  if (slash === -1) {
    if (network === undefined || network === '') {
      throw new MaxAppRefError(`Which network is the app "${ref}" in?`, `Write <network>/<app> (e.g. prod/${ref}) or pass ${networkWord} <network>.`);
    }
    return { network, app: ref };
  }
  const refNetwork = ref.slice(0, slash);
  const app = ref.slice(slash + 1);
  if (refNetwork === '' || app === '' || app.includes('/')) {
    throw new MaxAppRefError(`"${ref}" is not an app reference.`, 'Write <network>/<app>, e.g. prod/web.');
  }
  if (network !== undefined && network !== refNetwork) {
    throw new MaxAppRefError(`"${ref}" names the network "${refNetwork}", but ${networkWord} says "${network}".`, 'Pass only one of them.');
  }
  return { network: refNetwork, app };
}

/**
 * `prod/web`.
 *
 * @example
 * ```ts
 * formatAppRef({ network: 'prod', app: 'web' }); // 'prod/web'
 * ```
 */
export function formatAppRef(ref: AppRef): string {
  return `${ref.network}/${ref.app}`;
}
