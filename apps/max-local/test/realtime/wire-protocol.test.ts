// Raw-frame checks of every server obligation in reference/phoenix-channels.md §2.5 and §6.
import { eventsTopic } from '@max/api-spec';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RawClient, startHarness, tokenProtocol, upgradeStatus, type Harness } from './harness.js';

let h: Harness;
const clients: RawClient[] = [];

beforeAll(async () => {
  h = await startHarness({ maxChannels: 3 });
});
afterAll(() => h.close());
afterEach(() => {
  for (const client of clients.splice(0)) client.close();
});

async function open(options: Parameters<typeof RawClient.open>[1] = {}): Promise<RawClient> {
  const client = await RawClient.open(h.port, options);
  clients.push(client);
  return client;
}

describe('upgrade', () => {
  it('accepts a valid authToken subprotocol and answers with subprotocol "phoenix"', async () => {
    const client = await open();
    expect(client.ws.protocol).toBe('phoenix');
  });

  it.each([
    ['no subprotocols at all', [] as string[], '?vsn=2.0.0'],
    ['phoenix without a token', ['phoenix'], '?vsn=2.0.0'],
    ['a token without phoenix', [tokenProtocol('tok-alice')], '?vsn=2.0.0'],
    ['an unknown token', ['phoenix', tokenProtocol('tok-mallory')], '?vsn=2.0.0'],
    ['an empty token', ['phoenix', 'base64url.bearer.phx.'], '?vsn=2.0.0'],
    ['an unsupported vsn (2.1.0)', ['phoenix', tokenProtocol('tok-alice')], '?vsn=2.1.0'],
    ['an unparsable vsn', ['phoenix', tokenProtocol('tok-alice')], '?vsn=banana'],
  ])('answers HTTP 403 with no socket for %s', async (_name, protocols, query) => {
    const before = h.realtime.connectionCount;
    expect(await upgradeStatus(h.port, protocols, query)).toBe(403);
    expect(h.realtime.connectionCount).toBeLessThanOrEqual(before);
  });

  it('refuses an identity that is already expired', async () => {
    h.tokens.set('tok-stale', { userId: 'alice', expiresAt: new Date(Date.now() - 1_000) });
    expect(await upgradeStatus(h.port, ['phoenix', tokenProtocol('tok-stale')])).toBe(403);
  });

  it('accepts the url-safe alphabet for tokens whose base64 contains "/"', async () => {
    h.tokens.set('ab?xyz', { userId: 'alice', expiresAt: null });
    const urlSafe = `base64url.bearer.phx.${Buffer.from('ab?xyz').toString('base64url')}`;
    expect(await upgradeStatus(h.port, ['phoenix', urlSafe])).toBe(101);
  });
});

describe('V2 JSON frames', () => {
  it('answers heartbeats with join_ref null', async () => {
    const client = await open();
    client.send([null, '7', 'phoenix', 'heartbeat', {}]);
    expect(await client.next()).toEqual([null, '7', 'phoenix', 'phx_reply', { status: 'ok', response: {} }]);
  });

  it('replies to a join with the join_ref and the channel response', async () => {
    const client = await open();
    client.send(['3', '3', 'test:a', 'phx_join', { hello: 1 }]);
    expect(await client.next()).toEqual(['3', '3', 'test:a', 'phx_reply', { status: 'ok', response: { joined: 'test:a' } }]);
  });

  it('refuses joins of unmatched topics with join_ref null', async () => {
    const client = await open();
    client.send(['3', '3', 'nope:1', 'phx_join', {}]);
    expect(await client.next()).toEqual([null, '3', 'nope:1', 'phx_reply', { status: 'error', response: { reason: 'unmatched topic' } }]);
  });

  it('passes a refused join through with the join_ref', async () => {
    const client = await open();
    client.send(['4', '4', 'test:r', 'phx_join', { refuse: true }]);
    expect(await client.next()).toEqual(['4', '4', 'test:r', 'phx_reply', { status: 'error', response: { reason: 'refused by request' } }]);
  });

  it('answers "join crashed" when the join handler throws', async () => {
    const client = await open();
    client.send(['5', '5', 'test:c', 'phx_join', { crash: true }]);
    expect(await client.next()).toEqual(['5', '5', 'test:c', 'phx_reply', { status: 'error', response: { reason: 'join crashed' } }]);
  });

  it('refuses another user\'s events topic as unauthorized', async () => {
    const client = await open();
    client.send(['6', '6', 'events:bob', 'phx_join', {}]);
    const reply = (await client.next()) as [string, string, string, string, { status: string; response: unknown }];
    expect(reply.slice(0, 4)).toEqual(['6', '6', 'events:bob', 'phx_reply']);
    expect(reply[4].status).toBe('error');
    expect(eventsTopic.joinError.parse(reply[4].response)).toMatchObject({ reason: 'unauthorized' });
  });

  it('enforces the channel limit', async () => {
    const client = await open();
    for (const n of [1, 2, 3]) {
      client.send([`${n}`, `${n}`, `test:limit${n}`, 'phx_join', {}]);
      expect(await client.next()).toMatchObject([`${n}`, `${n}`, `test:limit${n}`, 'phx_reply', { status: 'ok' }]);
    }
    client.send(['9', '9', 'test:limit4', 'phx_join', {}]);
    expect(await client.next()).toEqual(['9', '9', 'test:limit4', 'phx_reply', { status: 'error', response: { reason: 'too many channels joined' } }]);
  });

  it('routes events with the current or a null join_ref, drops stale ones', async () => {
    const client = await open();
    client.send(['10', '10', 'test:e', 'phx_join', {}]);
    await client.next();
    client.send(['10', '11', 'test:e', 'echo', { n: 1 }]);
    expect(await client.next()).toEqual(['10', '11', 'test:e', 'phx_reply', { status: 'ok', response: { n: 1 } }]);
    client.send([null, '12', 'test:e', 'echo', { n: 2 }]);
    expect(await client.next()).toEqual(['10', '12', 'test:e', 'phx_reply', { status: 'ok', response: { n: 2 } }]);
    client.send(['1', '13', 'test:e', 'echo', { n: 3 }]);
    expect(await client.framesWithin(150)).toEqual([]);
  });

  it('answers events on unjoined topics with "unmatched topic" and nothing else', async () => {
    const client = await open();
    client.send(['1', '2', 'test:never', 'echo', {}]);
    expect(await client.next()).toEqual([null, '2', 'test:never', 'phx_reply', { status: 'error', response: { reason: 'unmatched topic' } }]);
    expect(await client.framesWithin(100)).toEqual([]);
  });

  it('leave: reply ok then phx_close with ref = join_ref', async () => {
    const client = await open();
    client.send(['20', '20', 'test:l', 'phx_join', {}]);
    await client.next();
    client.send(['20', '21', 'test:l', 'phx_leave', {}]);
    expect(await client.next()).toEqual(['20', '21', 'test:l', 'phx_reply', { status: 'ok', response: {} }]);
    expect(await client.next()).toEqual(['20', '20', 'test:l', 'phx_close', {}]);
    expect(h.log.terminated).toContainEqual({ topic: 'test:l', reason: 'left' });
  });

  it('leave of a topic not joined: ok echoing the join_ref, no phx_close', async () => {
    const client = await open();
    client.send(['30', '31', 'test:x', 'phx_leave', {}]);
    expect(await client.next()).toEqual(['30', '31', 'test:x', 'phx_reply', { status: 'ok', response: {} }]);
    expect(await client.framesWithin(100)).toEqual([]);
  });

  it('leave with a stale join_ref gets no answer and keeps the channel', async () => {
    const client = await open();
    client.send(['40', '40', 'test:s', 'phx_join', {}]);
    await client.next();
    client.send(['39', '41', 'test:s', 'phx_leave', {}]);
    expect(await client.framesWithin(150)).toEqual([]);
    client.send(['40', '42', 'test:s', 'echo', { still: 'joined' }]);
    expect(await client.next()).toEqual(['40', '42', 'test:s', 'phx_reply', { status: 'ok', response: { still: 'joined' } }]);
  });

  it('duplicate join: the new reply first, then phx_close for the old join_ref', async () => {
    const client = await open();
    client.send(['50', '50', 'test:d', 'phx_join', {}]);
    await client.next();
    client.send(['52', '52', 'test:d', 'phx_join', {}]);
    expect(await client.next()).toEqual(['52', '52', 'test:d', 'phx_reply', { status: 'ok', response: { joined: 'test:d' } }]);
    expect(await client.next()).toEqual(['50', '50', 'test:d', 'phx_close', {}]);
    expect(h.log.terminated).toContainEqual({ topic: 'test:d', reason: 'duplicate_join' });
    // The new join is the live one; the old join_ref is stale now.
    client.send(['52', '53', 'test:d', 'echo', { n: 1 }]);
    expect(await client.next()).toEqual(['52', '53', 'test:d', 'phx_reply', { status: 'ok', response: { n: 1 } }]);
  });

  it('a crashing channel gets phx_error; the socket and its other channels live on', async () => {
    const client = await open();
    client.send(['60', '60', 'test:crash', 'phx_join', {}]);
    await client.next();
    client.send(['61', '61', 'test:other', 'phx_join', {}]);
    await client.next();
    client.send(['60', '62', 'test:crash', 'crash', {}]);
    expect(await client.next()).toEqual(['60', '60', 'test:crash', 'phx_error', { reason: 'channel_crash' }]);
    client.send(['60', '63', 'test:crash', 'echo', {}]);
    expect(await client.next()).toEqual([null, '63', 'test:crash', 'phx_reply', { status: 'error', response: { reason: 'unmatched topic' } }]);
    client.send(['61', '64', 'test:other', 'echo', { ok: true }]);
    expect(await client.next()).toEqual(['61', '64', 'test:other', 'phx_reply', { status: 'ok', response: { ok: true } }]);
  });

  it('server pushes carry the join_ref and a null ref; a graceful close sends phx_close', async () => {
    const client = await open();
    client.send(['70', '70', 'test:p', 'phx_join', {}]);
    await client.next();
    client.send(['70', '71', 'test:p', 'push', { x: 1 }]);
    expect(await client.next()).toEqual(['70', null, 'test:p', 'pushed', { x: 1 }]);
    expect(await client.next()).toEqual(['70', '71', 'test:p', 'phx_reply', { status: 'ok', response: {} }]);
    client.send(['70', '72', 'test:p', 'close', {}]);
    expect(await client.next()).toEqual(['70', '70', 'test:p', 'phx_close', {}]);
  });

  it('a noreply event gets nothing back', async () => {
    const client = await open();
    client.send(['80', '80', 'test:n', 'phx_join', {}]);
    await client.next();
    client.send(['80', '81', 'test:n', 'noreply', {}]);
    expect(await client.framesWithin(150)).toEqual([]);
  });

  it('broadcasts are [null, null, topic, event, payload] to joined sockets only', async () => {
    const joined = await open();
    const other = await open({ token: 'tok-bob' });
    joined.send(['90', '90', 'test:b', 'phx_join', {}]);
    await joined.next();
    expect(h.realtime.broadcast('test:b', 'news', { n: 1 })).toBe(1);
    expect(await joined.next()).toEqual([null, null, 'test:b', 'news', { n: 1 }]);
    expect(await other.framesWithin(100)).toEqual([]);
  });
});

describe('bad frames', () => {
  it.each([
    ['not JSON', 'this is not json'],
    ['a four-element array', JSON.stringify(['1', '1', 'test:a', 'phx_join'])],
    ['a non-string topic', JSON.stringify(['1', '1', 5, 'phx_join', {}])],
    ['a V1 object on a V2 socket', JSON.stringify({ topic: 't', event: 'e', payload: {}, ref: '1' })],
  ])('%s closes only that socket (1011)', async (_name, raw) => {
    const bad = await open();
    const good = await open();
    good.send(['1', '1', 'test:g', 'phx_join', {}]);
    await good.next();
    bad.ws.send(raw);
    expect((await bad.closed).code).toBe(1011);
    good.send(['1', '2', 'test:g', 'echo', { alive: true }]);
    expect(await good.next()).toEqual(['1', '2', 'test:g', 'phx_reply', { status: 'ok', response: { alive: true } }]);
  });

  it('an unknown binary kind closes the socket', async () => {
    const client = await open();
    client.send(Buffer.from([2, 1, 1, 0x74, 0x65, 0x01]));
    expect((await client.closed).code).toBe(1011);
  });
});

describe('binary frames (V2)', () => {
  it('decodes a client push and answers with a binary reply of the exact layout', async () => {
    const client = await open();
    client.send(['10', '10', 'top', 'phx_join', {}]); // unmatched: just proves routing by topic
    await client.next();
    client.send(['10', '10', 'test:bin', 'phx_join', {}]);
    await client.next();
    // client push {join_ref:"10", ref:"12", topic:"test:bin", event:"echo", payload:<01 01>}
    const topic = Buffer.from('test:bin');
    client.send(Buffer.concat([Buffer.from([0, 2, 2, topic.length, 4]), Buffer.from('1012'), topic, Buffer.from('echo'), Buffer.from([1, 1])]));
    const reply = (await client.next()) as Buffer;
    expect(Buffer.isBuffer(reply)).toBe(true);
    // 1, len(jr), len(ref), len(topic), len(status), jr, ref, topic, status, data
    expect(reply).toEqual(
      Buffer.concat([Buffer.from([1, 2, 2, topic.length, 2]), Buffer.from('1012'), topic, Buffer.from('ok'), Buffer.from([1, 1])]),
    );
    expect(h.log.received.at(-1)).toEqual({ topic: 'test:bin', event: 'echo', payload: new Uint8Array([1, 1]) });
  });

  it('a binary push with an empty ref is handled and never answered (how shell input is sent)', async () => {
    const client = await open();
    client.send(['20', '20', 'test:quiet', 'phx_join', {}]);
    await client.next();
    const topic = Buffer.from('test:quiet');
    // {join_ref:"20", ref:"", topic, event:"echo", payload:<07>}: echo would answer any push that has a ref.
    client.send(Buffer.concat([Buffer.from([0, 2, 0, topic.length, 4]), Buffer.from('20'), topic, Buffer.from('echo'), Buffer.from([7])]));
    // Then one with a ref: its reply must be the very next frame, so nothing was sent for the first.
    client.send(Buffer.concat([Buffer.from([0, 2, 2, topic.length, 4]), Buffer.from('2021'), topic, Buffer.from('echo'), Buffer.from([8])]));
    expect(await client.next()).toEqual(
      Buffer.concat([Buffer.from([1, 2, 2, topic.length, 2]), Buffer.from('2021'), topic, Buffer.from('ok'), Buffer.from([8])]),
    );
    expect(h.log.received.slice(-2)).toEqual([
      { topic: 'test:quiet', event: 'echo', payload: new Uint8Array([7]) },
      { topic: 'test:quiet', event: 'echo', payload: new Uint8Array([8]) },
    ]);
  });

  it('server push and broadcast of bytes use the 4-byte push and kind-2 broadcast layouts', async () => {
    const client = await open();
    client.send(['123', '123', 'test:bp', 'phx_join', {}]);
    await client.next();
    const topic = Buffer.from('test:bp');
    client.send(Buffer.concat([Buffer.from([0, 3, 3, topic.length, 4]), Buffer.from('123124'), topic, Buffer.from('push'), Buffer.from([9, 8])]));
    // server push: 0, len(jr), len(topic), len(event), jr, topic, event, data (no ref)
    expect(await client.next()).toEqual(
      Buffer.concat([Buffer.from([0, 3, topic.length, 6]), Buffer.from('123'), topic, Buffer.from('pushed'), Buffer.from([9, 8])]),
    );
    expect(await client.next()).toEqual(['123', '124', 'test:bp', 'phx_reply', { status: 'ok', response: {} }]);
    h.realtime.broadcast('test:bp', 'evt', new Uint8Array([1, 1]));
    expect(await client.next()).toEqual(
      Buffer.concat([Buffer.from([2, topic.length, 3]), topic, Buffer.from('evt'), Buffer.from([1, 1])]),
    );
  });
});

describe('V1 JSON frames', () => {
  it.each([
    ['vsn absent', null],
    ['vsn=1.0.0', '1.0.0'],
  ])('speaks objects when %s, without join_ref', async (_name, vsn) => {
    const client = await open({ vsn });
    client.send({ topic: 'phoenix', event: 'heartbeat', payload: {}, ref: '1' });
    expect(await client.next()).toEqual({ topic: 'phoenix', event: 'phx_reply', payload: { status: 'ok', response: {} }, ref: '1' });
    client.send({ topic: 'test:v1', event: 'phx_join', payload: {}, ref: '2' });
    expect(await client.next()).toEqual({
      topic: 'test:v1',
      event: 'phx_reply',
      payload: { status: 'ok', response: { joined: 'test:v1' } },
      ref: '2',
    });
    client.send({ topic: 'test:v1', event: 'push', payload: { a: 1 }, ref: '3' });
    expect(await client.next()).toEqual({ topic: 'test:v1', event: 'pushed', payload: { a: 1 }, ref: null });
    expect(await client.next()).toEqual({ topic: 'test:v1', event: 'phx_reply', payload: { status: 'ok', response: {} }, ref: '3' });
    client.send({ topic: 'test:v1', event: 'phx_leave', payload: {}, ref: '4' });
    expect(await client.next()).toMatchObject({ event: 'phx_reply', ref: '4' });
    expect(await client.next()).toEqual({ topic: 'test:v1', event: 'phx_close', payload: {}, ref: '2' });
  });

  it('closes a V1 socket that sends a frame missing a key', async () => {
    const client = await open({ vsn: null });
    client.send({ topic: 'phoenix', event: 'heartbeat', payload: {} });
    expect((await client.closed).code).toBe(1011);
  });
});

describe('lifetime', () => {
  it('closes a socket that sends nothing for the idle timeout; heartbeats keep it open', async () => {
    const idle = await startHarness({ idleTimeoutMs: 200 });
    try {
      const silent = await RawClient.open(idle.port);
      const chatty = await RawClient.open(idle.port);
      const beat = setInterval(() => chatty.send([null, 'hb', 'phoenix', 'heartbeat', {}]), 60);
      const started = Date.now();
      const { code } = await silent.closed;
      expect(code).toBe(1000);
      expect(Date.now() - started).toBeGreaterThanOrEqual(150);
      await new Promise((resolve) => setTimeout(resolve, 300));
      clearInterval(beat);
      expect(chatty.ws.readyState).toBe(chatty.ws.OPEN);
      chatty.close();
    } finally {
      await idle.close();
    }
  });

  it('closes a socket when its token expires (4401 token_expired) and ends its channels', async () => {
    h.tokens.set('tok-short', { userId: 'alice', expiresAt: new Date(Date.now() + 300) });
    const client = await open({ token: 'tok-short' });
    client.send(['1', '1', 'events:alice', 'phx_join', {}]);
    await client.next();
    const before = h.events.listenerCount;
    const { code, reason } = await client.closed;
    expect({ code, reason }).toEqual({ code: 4401, reason: 'token_expired' });
    expect(h.events.listenerCount).toBe(before - 1);
  });

  it('graceful shutdown closes sockets with 1012 and refuses new upgrades', async () => {
    const local = await startHarness();
    const client = await RawClient.open(local.port);
    const closing = local.realtime.close();
    expect((await client.closed).code).toBe(1012);
    await closing;
    local.server.closeAllConnections();
    await new Promise<void>((resolve) => local.server.close(() => resolve()));
  });
});
