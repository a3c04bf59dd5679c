// The ONLY module that imports `phoenix` (pinned to exactly 1.8.16 in package.json: its reconnect,
// heartbeat and buffering behaviour differ between patch releases, reference §2.9 and §3.4).
import { Socket } from 'phoenix';
import type { PhoenixSocket, PhoenixSocketOptions } from './phoenix-types.js';

/**
 * Creates the official phoenix client socket, typed with our declarations.
 * `endpoint` must be absolute (`ws://…/socket`): a relative one makes phoenix read `location`, which Node lacks.
 */
export function createPhoenixSocket(endpoint: string, options: PhoenixSocketOptions): PhoenixSocket {
  // @types/phoenix types `authToken` as a string and `transport` as a one-argument constructor; the 1.8.16
  // runtime takes a function and calls `new transport(url, protocols)`, so we cross the boundary once here.
  const SocketClass = Socket as unknown as new (endpoint: string, options: PhoenixSocketOptions) => PhoenixSocket;
  return new SocketClass(endpoint, options);
}
