/**
 * Phoenix Channels frame serializers, as the Phoenix server speaks them (V1 and V2 JSON, V2 binary).
 *
 * Refs are opaque: whatever the client sent (usually a string, but hand-written clients send numbers)
 * is echoed back unchanged, because clients match replies with `===`.
 */

/** A `ref` or `join_ref` exactly as the client sent it. */
export type Ref = string | number | null;

/** A channel payload: any JSON value from a text frame, or raw bytes from a binary frame. */
export type Payload = unknown;

/** One message from a client, whichever serializer and frame type carried it. */
export interface InboundMessage {
  joinRef: Ref;
  ref: Ref;
  topic: string;
  event: string;
  /** Parsed JSON, or a `Uint8Array` when the frame was binary. */
  payload: Payload;
}

/** An encoded frame: text frames are strings, binary frames are Buffers. */
export type EncodedFrame = string | Buffer;

/** Thrown for frames the serializer cannot read; Phoenix crashes the transport on these (close 1011). */
export class FrameError extends Error {
  override readonly name = 'FrameError';
}

export interface Serializer {
  readonly vsn: '1.0.0' | '2.0.0';
  decode(data: Buffer, isBinary: boolean): InboundMessage;
  /** A push or a server-initiated message (`phx_close`, `phx_error`): `[join_ref, ref, topic, event, payload]`. */
  encodeMessage(joinRef: Ref, ref: Ref, topic: string, event: string, payload: Payload): EncodedFrame;
  /** A `phx_reply` to a client message. */
  encodeReply(joinRef: Ref, ref: Ref, topic: string, status: string, response: Payload): EncodedFrame;
  /** A fastlane broadcast: `[null, null, topic, event, payload]`. */
  encodeBroadcast(topic: string, event: string, payload: Payload): EncodedFrame;
  /**
   * A binary push whose payload is the concatenation of `parts` (`length` bytes in all), written straight into
   * the frame: byte streams hand over the slices of their buffer without joining them first (one copy per byte,
   * not two). With `target` (large enough: see {@link binaryPushSize}) the frame is written into it and a view
   * of it is returned. V1 throws, as for any binary payload.
   */
  encodeBinaryPush(joinRef: Ref, topic: string, event: string, parts: readonly Uint8Array[], length: number, target?: Buffer): Buffer;
}

const KIND_PUSH = 0;
const KIND_REPLY = 1;
const KIND_BROADCAST = 2;

function isRef(value: unknown): value is Ref {
  return value === null || typeof value === 'string' || typeof value === 'number';
}

function refString(ref: Ref): string {
  return ref === null ? '' : String(ref);
}

/** One binary header field: UTF-8 bytes, at most 255 of them (the length is a single byte on the wire). */
function field(value: string, name: string): Buffer {
  const bytes = Buffer.from(value, 'utf8');
  if (bytes.length > 255) throw new Error(`binary frame field ${name} is ${bytes.length} bytes; the limit is 255`);
  return bytes;
}

function isBytes(payload: Payload): payload is Uint8Array {
  return payload instanceof Uint8Array;
}

function decodeBinaryPush(data: Buffer): InboundMessage {
  // client → server push: kind, len(join_ref), len(ref), len(topic), len(event), then the fields and the data.
  if (data.length < 5) throw new FrameError('binary frame shorter than its header');
  const kind = data[0];
  if (kind !== KIND_PUSH) throw new FrameError(`unsupported binary frame kind ${String(kind)}`);
  const lengths = [data[1] ?? 0, data[2] ?? 0, data[3] ?? 0, data[4] ?? 0];
  let offset = 5;
  const fields: string[] = [];
  for (const length of lengths) {
    if (offset + length > data.length) throw new FrameError('binary frame header points past its end');
    fields.push(data.subarray(offset, offset + length).toString('utf8'));
    offset += length;
  }
  const [joinRef = '', ref = '', topic = '', event = ''] = fields;
  return {
    joinRef: joinRef === '' ? null : joinRef,
    ref: ref === '' ? null : ref,
    topic,
    event,
    // A copy, so handlers never hold a view into ws's receive buffer.
    payload: new Uint8Array(data.subarray(offset)),
  };
}

function parseJson(data: Buffer): unknown {
  try {
    return JSON.parse(data.toString('utf8'));
  } catch {
    throw new FrameError('text frame is not JSON');
  }
}

/** V2: text frames are `[join_ref, ref, topic, event, payload]` arrays; binary frames use the kind-byte layouts. */
export const v2Serializer: Serializer = {
  vsn: '2.0.0',
  decode(data, isBinary) {
    if (isBinary) return decodeBinaryPush(data);
    const parsed = parseJson(data);
    // Phoenix destructures exactly five leading elements and tolerates extra trailing ones.
    if (!Array.isArray(parsed) || parsed.length < 5) throw new FrameError('V2 frame must be an array of five elements');
    const [joinRef, ref, topic, event, payload] = parsed as unknown[];
    if (!isRef(joinRef) || !isRef(ref)) throw new FrameError('join_ref and ref must be strings, numbers or null');
    if (typeof topic !== 'string' || typeof event !== 'string') throw new FrameError('topic and event must be strings');
    return { joinRef, ref, topic, event, payload };
  },
  encodeMessage(joinRef, ref, topic, event, payload) {
    // server → client push has no ref field (4-byte header), unlike the client's push.
    if (isBytes(payload)) return v2Serializer.encodeBinaryPush(joinRef, topic, event, [payload], payload.byteLength);
    return JSON.stringify([joinRef, ref, topic, event, payload]);
  },
  encodeReply(joinRef, ref, topic, status, response) {
    if (isBytes(response)) {
      const jr = field(refString(joinRef), 'join_ref');
      const r = field(refString(ref), 'ref');
      const t = field(topic, 'topic');
      const s = field(status, 'status');
      return Buffer.concat([
        Buffer.from([KIND_REPLY, jr.length, r.length, t.length, s.length]),
        jr,
        r,
        t,
        s,
        response,
      ]);
    }
    return JSON.stringify([joinRef, ref, topic, 'phx_reply', { status, response }]);
  },
  encodeBinaryPush(joinRef, topic, event, parts, length, target) {
    const jr = field(refString(joinRef), 'join_ref');
    const t = field(topic, 'topic');
    const e = field(event, 'event');
    const headerLength = 4 + jr.length + t.length + e.length;
    const size = headerLength + length;
    if (target && target.length < size) throw new RangeError(`binary push of ${size} bytes does not fit its ${target.length}-byte target`);
    // allocUnsafeSlow: every byte is written below, and a frame outgrows Buffer's small pool anyway.
    const frame = target ? target.subarray(0, size) : Buffer.allocUnsafeSlow(size);
    frame[0] = KIND_PUSH;
    frame[1] = jr.length;
    frame[2] = t.length;
    frame[3] = e.length;
    let offset = 4;
    for (const bytes of [jr, t, e, ...parts]) {
      frame.set(bytes, offset);
      offset += bytes.byteLength;
    }
    if (offset !== frame.length) throw new Error(`binary push parts hold ${offset - headerLength} bytes, not ${length}`);
    return frame;
  },
  encodeBroadcast(topic, event, payload) {
    if (isBytes(payload)) {
      const t = field(topic, 'topic');
      const e = field(event, 'event');
      return Buffer.concat([Buffer.from([KIND_BROADCAST, t.length, e.length]), t, e, payload]);
    }
    return JSON.stringify([null, null, topic, event, payload]);
  },
};

/** The size of a V2 binary push frame (header and payload), for callers that provide its buffer. */
export function binaryPushSize(joinRef: Ref, topic: string, event: string, length: number): number {
  return 4 + Buffer.byteLength(refString(joinRef)) + Buffer.byteLength(topic) + Buffer.byteLength(event) + length;
}

function v1Binary(): never {
  throw new Error('binary payloads need the V2 serializer (vsn=2.0.0)');
}

/** V1 (legacy, the default when `vsn` is absent): JSON objects; the server never sends `join_ref`. */
export const v1Serializer: Serializer = {
  vsn: '1.0.0',
  decode(data, isBinary) {
    if (isBinary) throw new FrameError('binary frames need the V2 serializer');
    const parsed = parseJson(data);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new FrameError('V1 frame must be a JSON object');
    }
    const message = parsed as Record<string, unknown>;
    // Phoenix's Message.from_map! requires all four keys; join_ref is optional.
    for (const key of ['topic', 'event', 'payload', 'ref']) {
      if (!(key in message)) throw new FrameError(`V1 frame lacks "${key}"`);
    }
    const { topic, event, payload, ref } = message;
    const joinRef = message['join_ref'] ?? null;
    if (!isRef(joinRef) || !isRef(ref)) throw new FrameError('join_ref and ref must be strings, numbers or null');
    if (typeof topic !== 'string' || typeof event !== 'string') throw new FrameError('topic and event must be strings');
    return { joinRef, ref, topic, event, payload };
  },
  encodeMessage(_joinRef, ref, topic, event, payload) {
    if (isBytes(payload)) v1Binary();
    return JSON.stringify({ topic, event, payload, ref });
  },
  encodeReply(_joinRef, ref, topic, status, response) {
    if (isBytes(response)) v1Binary();
    return JSON.stringify({ topic, event: 'phx_reply', payload: { status, response }, ref });
  },
  encodeBroadcast(topic, event, payload) {
    if (isBytes(payload)) v1Binary();
    return JSON.stringify({ topic, event, payload, ref: null });
  },
  encodeBinaryPush() {
    return v1Binary();
  },
};

/**
 * Picks the serializer for the `vsn` query parameter the way Phoenix negotiates it: a missing vsn means
 * 1.0.0; `~> 1.0.0` and `~> 2.0.0` are supported; anything else (including 2.1.0) is refused (HTTP 403).
 */
export function negotiateSerializer(vsn: string | null): Serializer | null {
  const version = vsn ?? '1.0.0';
  if (/^1\.0\.\d+$/.test(version)) return v1Serializer;
  if (/^2\.0\.\d+$/.test(version)) return v2Serializer;
  return null;
}
