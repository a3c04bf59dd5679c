import type { Schemas } from '@max/api-spec';
import { actorOf } from '../auth/principal.js';
import { toRfc3339, toRfc3339OrNull } from '../clock.js';
import { validationFailed } from '../http/api-error.js';
import type { RouteTable } from '../http/route-types.js';
import type { LiveRun, LiveShell, RunCreateInput, ShellCreateInput } from '../shells/remote-access.js';
import type { RunRecord, ShellRecord } from '../shells/remote-records.js';
import type { RouteDeps } from './deps.js';

/** The wire `ShellSession`: live values (output so far, size, clients) from memory while the session runs. */
export function toWireShell({ live, record }: { live: LiveShell | null; record: ShellRecord }): Schemas['ShellSession'] {
  return {
    id: record.id,
    network: record.network,
    app: record.app,
    command: record.command,
    term: record.term,
    cols: record.cols,
    rows: record.rows,
    state: record.state,
    exit_code: record.exitCode,
    signal: record.signal,
    // A shell's row is written after its PTY spawned, so its pid is always set (the column is shared with runs).
    pid: record.pid as number,
    attached_clients: live ? live.stream.readerCount : 0,
    output_bytes: live ? live.stream.buffer.end : record.outputBytes,
    detach_timeout_seconds: record.detachTimeoutSeconds,
    created_at: toRfc3339(record.createdAt),
    ended_at: toRfc3339OrNull(record.endedAt),
  };
}

export function toWireRun({ live, record }: { live: LiveRun | null; record: RunRecord }): Schemas['Run'] {
  return {
    id: record.id,
    network: record.network,
    app: record.app,
    command: record.command,
    state: record.state,
    exit_code: record.exitCode,
    signal: record.signal,
    error: record.error,
    pid: record.pid,
    attached_clients: live ? live.stream.readerCount : 0,
    release: record.release,
    timeout_seconds: record.timeoutSeconds,
    output_bytes: live ? live.stream.buffer.end : record.outputBytes,
    created_at: toRfc3339(record.createdAt),
    started_at: toRfc3339OrNull(record.startedAt),
    finished_at: toRfc3339OrNull(record.finishedAt),
  };
}

/** `app` filters need `network` (app names are unique only within a network). */
function listQuery(query: { limit?: number; cursor?: string; network?: string; app?: string; state?: string }) {
  if (query.app !== undefined && query.network === undefined) {
    throw validationFailed([{ path: '/query/app', message: 'needs network (app names are unique only within a network)' }]);
  }
  return { limit: query.limit ?? 50, cursor: query.cursor, network: query.network, app: query.app, state: query.state };
}

const shellInput = (body: Schemas['ShellCreate']): ShellCreateInput => ({
  cols: body.cols,
  rows: body.rows,
  command: body.command,
  term: body.term,
  detachTimeoutSeconds: body.detach_timeout_seconds,
});

const runInput = (body: Schemas['RunCreate']): RunCreateInput => ({ command: body.command, env: body.env, timeoutSeconds: body.timeout_seconds });

/** Shell sessions and command runs (docs/protocol.md §6.6, §6.7); every operation needs `deploy` (route-scopes). */
export function remoteRoutes({ platform }: RouteDeps): RouteTable {
  const remote = platform.remote;
  const caller = (principal: Parameters<typeof actorOf>[0]) => ({ userId: principal.user.id, actor: actorOf(principal) });
  return {
    createAppShell: async ({ params, body, principal }) => {
      const target = platform.remoteTargets.app(principal.user.id, params.network, params.app);
      const shell = await remote.createShell(caller(principal), target, shellInput(body));
      return { status: 201, body: toWireShell({ live: shell, record: shell.record }) };
    },
    createNetworkShell: async ({ params, body, principal }) => {
      const target = platform.remoteTargets.network(principal.user.id, params.network);
      const shell = await remote.createShell(caller(principal), target, shellInput(body));
      return { status: 201, body: toWireShell({ live: shell, record: shell.record }) };
    },
    listShells: ({ query, principal }) => {
      const page = remote.listShells(principal.user.id, listQuery(query));
      return { status: 200, body: { data: page.items.map(toWireShell), next_cursor: page.nextCursor } };
    },
    getShell: ({ params, principal }) => ({ status: 200, body: toWireShell(remote.shell(principal.user.id, params.shell_id)) }),
    deleteShell: ({ params, principal }) => {
      remote.deleteShell(caller(principal), params.shell_id);
      return { status: 204, body: undefined };
    },
    createAppRun: async ({ params, body, principal }) => {
      const target = platform.remoteTargets.app(principal.user.id, params.network, params.app);
      const run = await remote.createRun(caller(principal), target, runInput(body));
      return { status: 201, body: toWireRun({ live: run, record: run.record }) };
    },
    createNetworkRun: async ({ params, body, principal }) => {
      const target = platform.remoteTargets.network(principal.user.id, params.network);
      const run = await remote.createRun(caller(principal), target, runInput(body));
      return { status: 201, body: toWireRun({ live: run, record: run.record }) };
    },
    listRuns: ({ query, principal }) => {
      const page = remote.listRuns(principal.user.id, listQuery(query));
      return { status: 200, body: { data: page.items.map(toWireRun), next_cursor: page.nextCursor } };
    },
    getRun: ({ params, principal }) => ({ status: 200, body: toWireRun(remote.run(principal.user.id, params.run_id)) }),
    cancelRun: ({ params, principal }) => ({ status: 200, body: toWireRun(remote.cancelRun(caller(principal), params.run_id)) }),
  };
}
