import type { HttpCore } from '../core/http-core.js';
import { Paginated } from '../core/paginated.js';
import { callOperation } from '../core/operation.js';
import type { RequestOptions } from '../core/request-options.js';
import { attachShell, type ShellAttachment, type ShellAttachOptions } from '../realtime/shell-attach.js';
import { ShellSessionPageSchema, ShellSessionSchema } from '../schemas/shell-run.js';
import type { ShellState, ShellCreate, ShellSession } from '../types.js';
import { assertOpaqueId } from '../validation/opaque-id.js';
import { assertExecFilters, resolveExecTarget, withDefaults, type ExecTarget } from './exec-target.js';

/**
 * Filters for `shells.list`.
 *
 * @example
 * ```ts
 * const params: ShellListParams = { network: 'staging', app: 'web', state: 'running' };
 * ```
 */
export interface ShellListParams {
  /** Only shell sessions in this network (app and network ones). */
  network?: string;
  /** Only shell sessions of this app (with `network`). */
  app?: string;
  /** Only shell sessions in this state. */
  state?: ShellState;
  /** Page size (server default 50). Iteration still walks every page. */
  limit?: number;
  /** Start from this cursor instead of the first page. */
  cursor?: string;
}

/**
 * Interactive shell sessions (PTYs) in an app's or a network's environment: `client.shells`. A session outlives
 * dropped connections; it ends when its process exits, when it is deleted, or after `detach_timeout_seconds`
 * with nobody attached.
 *
 * @example
 * ```ts
 * const session = await client.shells.create({ network: 'staging', app: 'web' }, { cols: 120, rows: 40 });
 * const shell = await client.shells.attach(session.id, { cols: 120, rows: 40 });
 * await shell.write('echo $MAX_APP\n');
 * ```
 */
export class ShellsResource {
  readonly #core: HttpCore;

  /** @internal Use `client.shells`. */
  constructor(core: HttpCore) {
    this.#core = core;
  }

  /**
   * Starts a PTY session running the platform's login shell (or `input.command`) in the app's current release
   * directory with its effective environment — or, for `{ network }`, in a network workspace. Attach with
   * {@link attach}. POSTs carry an `Idempotency-Key`, so a retried create never starts a second shell.
   *
   * @example
   * ```ts
   * const session = await client.shells.create({ network: 'staging', app: 'web' }, { cols: 80, rows: 24, term: 'xterm-256color' });
   * ```
   */
  async create(target: ExecTarget, input: ShellCreate, options?: RequestOptions): Promise<ShellSession> {
    const resolved = resolveExecTarget(target);
    if (resolved.kind === 'app') {
      return callOperation(this.#core, 'post', '/api/v1/networks/{network}/apps/{app}/shells', {
        operation: 'shells.create',
        params: { network: resolved.network, app: resolved.app },
        body: withDefaults(input),
        responseSchema: ShellSessionSchema,
        options,
      });
    }
    return callOperation(this.#core, 'post', '/api/v1/networks/{network}/shells', {
      operation: 'shells.create',
      params: { network: resolved.network },
      body: withDefaults(input),
      responseSchema: ShellSessionSchema,
      options,
    });
  }

  /**
   * Lists the caller's shell sessions, newest first, lazily across pages (ended ones included).
   *
   * @example
   * ```ts
   * for await (const item of client.shells.list({ network: 'staging', state: 'running' })) console.log(item.id, item.state);
   * ```
   */
  list(params: ShellListParams = {}, options?: RequestOptions): Paginated<ShellSession> {
    const { cursor: startCursor, ...filters } = params;
    return new Paginated(async (cursor) => {
      assertExecFilters(filters);
      return callOperation(this.#core, 'get', '/api/v1/shells', {
        operation: 'shells.list',
        query: { ...filters, ...(cursor === undefined ? {} : { cursor }) },
        responseSchema: ShellSessionPageSchema,
        options,
      });
    }, startCursor);
  }

  /**
   * Gets one session: its state, size, output so far and, once it ended, the exit status.
   *
   * @example
   * ```ts
   * const { state, exit_code } = await client.shells.get('sh_123');
   * ```
   */
  async get(id: string, options?: RequestOptions): Promise<ShellSession> {
    assertOpaqueId(id, '/path/shell_id', 'shell session id');
    return callOperation(this.#core, 'get', '/api/v1/shells/{shell_id}', {
      operation: 'shells.get',
      params: { shell_id: id },
      responseSchema: ShellSessionSchema,
      options,
    });
  }

  /**
   * Ends a session: hangs up the PTY (SIGHUP, then SIGKILL) and detaches every client.
   *
   * @example
   * ```ts
   * await client.shells.delete('sh_123');
   * ```
   */
  async delete(id: string, options?: RequestOptions): Promise<void> {
    assertOpaqueId(id, '/path/shell_id', 'shell session id');
    await callOperation(this.#core, 'delete', '/api/v1/shells/{shell_id}', {
      operation: 'shells.delete',
      params: { shell_id: id },
      responseSchema: null,
      options,
    });
  }

  /**
   * Attaches to a session over the realtime channel (`shell:<id>`, its own socket): output as an async iterable,
   * `write`, `resize`, `detach` and the exit status. It reconnects by itself and resumes from the last byte it
   * delivered; without `offset`, output starts at the oldest byte the platform buffers (the scrollback).
   *
   * @example
   * ```ts
   * const shell = await client.shells.attach('sh_123', { cols: 80, rows: 24 });
   * shell.onConnectionChange((state) => state === 'reconnecting' && console.error('reconnecting…'));
   * for await (const item of shell.output) if (item.type === 'output') process.stdout.write(item.data);
   * console.log(await shell.exit);
   * ```
   */
  attach(id: string, options: ShellAttachOptions = {}): Promise<ShellAttachment> {
    assertOpaqueId(id, '/path/shell_id', 'shell session id');
    return attachShell(this.#core, id, options);
  }
}
