import type { HttpCore } from '../core/http-core.js';
import { callOperation } from '../core/operation.js';
import type { RequestOptions } from '../core/request-options.js';
import { MeSchema } from '../schemas/me.js';
import type { Me } from '../types.js';

/**
 * The caller: `client.me`.
 *
 * @example
 * ```ts
 * const me = await client.me.get();
 * console.log(`Logged in as ${me.email}`);
 * ```
 */
export class MeResource {
  readonly #core: HttpCore;

  /** @internal Use `client.me`. */
  constructor(core: HttpCore) {
    this.#core = core;
  }

  /**
   * Who the token belongs to, and what kind of credential it is (type, scope, expiry).
   *
   * @example
   * ```ts
   * const { auth } = await client.me.get();
   * if (auth.scope === 'read') console.error('This token cannot deploy.');
   * ```
   */
  async get(options?: RequestOptions): Promise<Me> {
    return callOperation(this.#core, 'get', '/api/v1/me', { operation: 'me.get', responseSchema: MeSchema, options });
  }
}
