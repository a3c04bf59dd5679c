import { createNodeHttpTransport, type NodeHttpTransport } from '@max/rig-sdk/node/http';

let shared: NodeHttpTransport | undefined;

/**
 * The one HTTP transport of a rig process: `node:http` (and `node:https` for https URLs) instead of the global
 * `fetch`. A short command is mostly start-up, and the first `fetch` in Node 20 loads undici (~30 ms, more than
 * the request itself); `node:http` is part of what Node has loaded anyway. Idle kept-alive sockets are unref'd by
 * Node's agent, so they never hold the process open.
 */
export function cliTransport(): NodeHttpTransport {
  shared ??= createNodeHttpTransport({ maxSockets: 8 });
  return shared;
}
