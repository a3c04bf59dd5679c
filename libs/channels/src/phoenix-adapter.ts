// The ONLY module that imports `phoenix` (pinned to exactly 1.8.16 in package.json: its reconnect,
// heartbeat and buffering behaviour differ between patch releases, reference §2.9 and §3.4).
import * as phoenix from 'phoenix';
import type { PhoenixSocket, PhoenixSocketOptions } from './phoenix-types.js';

/**
 * Creates the official phoenix client socket, typed with our declarations.
 * `endpoint` must be absolute (`ws://…/socket`): a relative one makes phoenix read `location`, which Node lacks.
 */
export function createPhoenixSocket(endpoint: string, options: PhoenixSocketOptions): PhoenixSocket {
  // @types/phoenix types `authToken` as a string and `transport` as a one-argument constructor; the 1.8.16
  // runtime takes a function and calls `new transport(url, protocols)`, so we cross the boundary once here.
  const SocketClass = phoenix.Socket as unknown as new (endpoint: string, options: PhoenixSocketOptions & { decode: FrameDecoder }) => PhoenixSocket;
  // @types/phoenix has no `Serializer`; the 1.8.16 runtime exports it (reference §3.2).
  const serializer = (phoenix as unknown as { Serializer: { decode: FrameDecoder } }).Serializer;
  return new SocketClass(endpoint, { ...options, decode: createFrameDecoder(serializer.decode.bind(serializer)) });
}

const textDecoder = new TextDecoder();

/**
 * phoenix's `decode` option: server pushes in binary frames (shell and command output) are decoded here so their
 * payload is a `Uint8Array` view of the received frame instead of phoenix's `ArrayBuffer` copy of it (a copy of
 * every output byte, a tenth of a `rig command` client's CPU, and memory waiting for the GC). Text frames and other
 * binary kinds go to phoenix's own decoder.
 */
type FrameDecoder = (raw: unknown, callback: (message: unknown) => void) => unknown;

export function createFrameDecoder(fallback: FrameDecoder): FrameDecoder {
  return (raw, callback) => {
    if (typeof raw === 'string' || !(raw instanceof Uint8Array || raw instanceof ArrayBuffer)) return fallback(raw, callback);
    const frame = raw instanceof Uint8Array ? raw : new Uint8Array(raw);
    if (frame.byteLength < 4 || frame[0] !== 0) {
      // Replies and broadcasts in binary frames: phoenix's decoder, which wants an ArrayBuffer of its own.
      return fallback(frame.buffer.slice(frame.byteOffset, frame.byteOffset + frame.byteLength), callback);
    }
    // Server push: 0, len(join_ref), len(topic), len(event), join_ref, topic, event, bytes… (docs/protocol.md §5).
    const joinRefSize = frame[1] ?? 0;
    const topicSize = frame[2] ?? 0;
    const eventSize = frame[3] ?? 0;
    let offset = 4;
    const text = (size: number): string => {
      const value = textDecoder.decode(frame.subarray(offset, offset + size));
      offset += size;
      return value;
    };
    const joinRef = text(joinRefSize);
    const topic = text(topicSize);
    const event = text(eventSize);
    return callback({ join_ref: joinRef, ref: null, topic, event, payload: frame.subarray(offset) });
  };
}
