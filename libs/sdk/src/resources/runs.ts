import type { HttpCore } from '../core/http-core.js';
import { Paginated } from '../core/paginated.js';
import { callOperation } from '../core/operation.js';
import type { RequestOptions } from '../core/request-options.js';
import { openSocket } from '../realtime/open-socket.js';
import { attachRun, type RunAttachment, type RunAttachOptions } from '../realtime/run-attach.js';
import { RunPageSchema, RunSchema } from '../schemas/shell-run.js';
import type { RunState, Run, RunCreate } from '../types.js';
import { assertOpaqueId } from '../validation/opaque-id.js';
import { assertExecFilters, resolveExecTarget, withDefaults, type ExecTarget } from './exec-target.js';

/**
 * Filters for `runs.list`.
 *
 * @example
 * ```ts
 * const params: RunListParams = { network: 'staging', app: 'web', state: 'running' };
 * ```
 */
export interface RunListParams {
  /** Only command runs in this network (app and network ones). */
  network?: string;
  /** Only command runs of this app (with `network`). */
  app?: string;
  /** Only command runs in this state. */
  state?: RunState;
  /** Page size (server default 50). Iteration still walks every page. */
  limit?: number;
  /** Start from this cursor instead of the first page. */
  cursor?: string;
}

/**
 * One-off command runs in an app's or a network's environment: `client.runs`. The command is an argv array
 * passed to the OS without a shell (use `['sh', '-c', '…']` for one).
 *
 * @example
 * ```ts
 * const run = await client.runs.create({ network: 'staging', app: 'web' }, { command: ['npm', 'run', 'migrate'] });
 * const io = await client.runs.attach(run.id);
 * for await (const item of io.output) if (item.type !== 'gap') process.stdout.write(item.data);
 * console.log((await io.exit).state);
 * ```
 */
export class RunsResource {
  readonly #core: HttpCore;

  /** @internal Use `client.runs`. */
  constructor(core: HttpCore) {
    this.#core = core;
  }

  /**
   * Starts a command and attaches to it from its first byte: {@link create} then {@link attach}, except that the
   * realtime connection opens while the platform starts the process, so output begins one connection set-up
   * sooner. If the create fails, the connection is closed and the error thrown; nothing was started.
   *
   * @example
   * ```ts
   * const { run, attachment } = await client.runs.start({ network: 'staging', app: 'web' }, { command: ['npm', 'test'] });
   * for await (const item of attachment.output) if (item.type !== 'gap') process.stdout.write(item.data);
   * console.log(run.id, (await attachment.exit).state);
   * ```
   */
  async start(
    target: ExecTarget,
    input: RunCreate,
    options: RequestOptions & Omit<RunAttachOptions, 'offset'> = {},
  ): Promise<{ run: Run; attachment: RunAttachment }> {
    const opened = openSocket(this.#core).then((open) => {
      open.socket.connect();
      return open;
    });
    opened.catch(() => undefined); // observed by attachRun below, or dropped with the failed create
    try {
      const run = await this.create(target, input, options);
      assertOpaqueId(run.id, '/id', 'run id');
      const attachment = await attachRun(this.#core, run.id, { ...options, offset: 0 }, opened);
      return { run, attachment };
    } catch (error) {
      void opened.then((open) => open.socket.close()).catch(() => undefined);
      throw error;
    }
  }

  /**
   * Starts a command. Its output is buffered from the first byte, so attaching right after loses nothing. POSTs
   * carry an `Idempotency-Key`, so a retried create never runs the command twice.
   *
   * @example
   * ```ts
   * const run = await client.runs.create({ network: 'staging' }, { command: ['sh', '-c', 'env | sort'], timeout_seconds: 60 });
   * ```
   */
  async create(target: ExecTarget, input: RunCreate, options?: RequestOptions): Promise<Run> {
    const resolved = resolveExecTarget(target);
    if (resolved.kind === 'app') {
      return callOperation(this.#core, 'post', '/api/v1/networks/{network}/apps/{app}/runs', {
        operation: 'runs.create',
        params: { network: resolved.network, app: resolved.app },
        body: withDefaults(input),
        responseSchema: RunSchema,
        options,
      });
    }
    return callOperation(this.#core, 'post', '/api/v1/networks/{network}/runs', {
      operation: 'runs.create',
      params: { network: resolved.network },
      body: withDefaults(input),
      responseSchema: RunSchema,
      options,
    });
  }

  /**
   * Lists the caller's command runs, newest first, lazily across pages (ended ones included).
   *
   * @example
   * ```ts
   * for await (const item of client.runs.list({ network: 'staging', state: 'running' })) console.log(item.id, item.state);
   * ```
   */
  list(params: RunListParams = {}, options?: RequestOptions): Paginated<Run> {
    const { cursor: startCursor, ...filters } = params;
    return new Paginated(async (cursor) => {
      assertExecFilters(filters);
      return callOperation(this.#core, 'get', '/api/v1/runs', {
        operation: 'runs.list',
        query: { ...filters, ...(cursor === undefined ? {} : { cursor }) },
        responseSchema: RunPageSchema,
        options,
      });
    }, startCursor);
  }

  /**
   * Gets one run: its state and, once it ended, its exit code or signal.
   *
   * @example
   * ```ts
   * const { state, exit_code } = await client.runs.get('run_123');
   * ```
   */
  async get(id: string, options?: RequestOptions): Promise<Run> {
    assertOpaqueId(id, '/path/run_id', 'run id');
    return callOperation(this.#core, 'get', '/api/v1/runs/{run_id}', {
      operation: 'runs.get',
      params: { run_id: id },
      responseSchema: RunSchema,
      options,
    });
  }

  /**
   * Stops a run (SIGTERM, then SIGKILL after 10 s); it ends `cancelled`. A finished run is returned unchanged.
   *
   * @example
   * ```ts
   * const run = await client.runs.cancel('run_123');
   * ```
   */
  async cancel(id: string, options?: RequestOptions): Promise<Run> {
    assertOpaqueId(id, '/path/run_id', 'run id');
    return callOperation(this.#core, 'post', '/api/v1/runs/{run_id}/cancel', {
      operation: 'runs.cancel',
      params: { run_id: id },
      responseSchema: RunSchema,
      options,
    });
  }

  /**
   * Attaches to a run over the realtime channel (`exec:<id>`, its own socket): stdout and stderr apart, stdin
   * with backpressure, `closeStdin`, `signal`, and the exit status; reconnects by itself and resumes from the
   * last byte it delivered.
   *
   * @example
   * ```ts
   * const io = await client.runs.attach('run_123');
   * await io.write('hello\n');
   * await io.closeStdin();
   * for await (const item of io.output) if (item.type === 'stdout') process.stdout.write(item.data);
   * ```
   */
  attach(id: string, options: RunAttachOptions = {}): Promise<RunAttachment> {
    assertOpaqueId(id, '/path/run_id', 'run id');
    return attachRun(this.#core, id, options);
  }
}
