// Issue 9: a shell session must survive a network that drops every connection every few hundred ms. The SDK's attachment
// rejoins `shell:<id>` with the offset after the last byte it delivered, so every line of a numbered sequence
// arrives exactly once and in order, however often the socket is cut mid-stream.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiToken, startMaxLocal } from '@max/local';
import { MaxClient } from '@max/rig-sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { startFaultProxy } from '../src/index.js';

const teardown: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of teardown.splice(0).reverse()) await step();
});

/** max-local with app demo/web, a client talking to it directly and one through a fault proxy. */
async function world(prefix: string) {
  const dataDir = await mkdtemp(join(tmpdir(), prefix));
  teardown.push(() => rm(dataDir, { recursive: true, force: true }));
  const max = await startMaxLocal({ port: 0, routerPort: 0, dataDir, stabilizationSeconds: 0 });
  teardown.push(() => max.close());
  const token = await createApiToken({ dataDir, name: 'shell-cut', scope: 'deploy' });
  const direct = new MaxClient({ apiUrl: max.url, token, retry: false });
  await direct.networks.create({ name: 'demo' });
  await direct.apps.create('demo', { name: 'web' });
  const proxy = await startFaultProxy({ targetPort: Number(new URL(max.url).port) });
  teardown.push(() => proxy.close());
  const viaProxy = new MaxClient({ apiUrl: `http://127.0.0.1:${proxy.port}`, token, retry: false });
  return { dataDir, direct, proxy, viaProxy };
}

describe('a shell attachment through connections cut again and again', () => {
  it('prints all 100,000 numbered lines exactly once, in order', async () => {
    const { direct, proxy, viaProxy } = await world('rig-shell-cut-');

    const session = await direct.shells.create({ network: 'demo', app: 'web' }, { cols: 80, rows: 24, command: ['sh'] });
    const shell = await viaProxy.shells.attach(session.id);
    let reconnects = 0;
    shell.onConnectionChange((state) => {
      if (state === 'reconnecting') reconnects += 1;
    });
    // Paced: a 0.6 s pause every 10,000 lines spans at least one 500 ms cut each time, however fast the machine.
    await shell.write('seq 1 100000 | while read -r n; do echo "$n"; [ $((n % 10000)) -eq 0 ] && sleep 0.6; done; exit\n');
    const cutter = setInterval(() => proxy.cutAll(), 500);
    teardown.push(() => Promise.resolve(clearInterval(cutter)));

    const chunks: Uint8Array[] = [];
    const kinds = new Set<string>();
    for await (const item of shell.output) {
      kinds.add(item.type);
      if (item.type === 'output') chunks.push(item.data);
    }
    clearInterval(cutter);
    const numbers = Buffer.concat(chunks)
      .toString()
      .split(/\r?\n/)
      .filter((line) => /^\d+$/.test(line))
      .map(Number);
    expect(numbers.length).toBe(100_000);
    expect(numbers.findIndex((n, i) => n !== i + 1)).toBe(-1);
    expect([...kinds]).toEqual(['output']); // no gap: the server kept (and paused for) everything
    expect(reconnects).toBeGreaterThan(1);
    await expect(shell.exit).resolves.toMatchObject({ state: 'exited', exitCode: 0 });
  }, 120_000);

  it('delivers typed input exactly once, in order, although keystrokes are in flight at every cut', async () => {
    // Input resumes like output (docs/protocol.md §6.6): each `input_at` frame carries its offset in the client's
    // input stream, a rejoin's reply says how much of it the session applied, and the client sends the rest again.
    // Without it, what was on the wire at a cut was lost (and what the client re-sent twice would be doubled).
    const { dataDir, direct, proxy, viaProxy } = await world('rig-shell-input-cut-');

    // The PTY hands every byte to `cat` as typed (raw, no echo); `cat` keeps them in a file.
    const received = join(dataDir, 'received.txt');
    const session = await direct.shells.create(
      { network: 'demo', app: 'web' },
      { cols: 80, rows: 24, command: ['sh', '-c', `stty raw -echo; echo READY; exec cat > '${received}'`] },
    );
    const shell = await viaProxy.shells.attach(session.id);
    let reconnects = 0;
    shell.onConnectionChange((state) => {
      if (state === 'reconnecting') reconnects += 1;
    });
    // Output is read all along (leaving the loop would detach); the input test starts once `cat` runs.
    let ready: () => void = () => undefined;
    const started = new Promise<void>((resolve) => (ready = resolve));
    const drained = (async () => {
      for await (const item of shell.output) if (item.type === 'output' && Buffer.from(item.data).includes('READY')) ready();
    })();
    await started;

    const cutter = setInterval(() => proxy.cutAll(), 300);
    teardown.push(() => Promise.resolve(clearInterval(cutter)));
    const typed: string[] = [];
    for (let i = 0; i < 1500; i += 1) {
      const token = `k${String(i).padStart(4, '0')} `;
      typed.push(token);
      await shell.write(token);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    clearInterval(cutter);
    await shell.write('END');
    const expected = `${typed.join('')}END`;
    let got = '';
    for (let i = 0; i < 200 && got.length < expected.length; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      got = await readFile(received, 'utf8').catch(() => '');
    }
    expect(reconnects).toBeGreaterThan(3);
    expect(got.length).toBe(expected.length);
    expect(got).toBe(expected);
    await direct.shells.delete(session.id);
    await drained;
  }, 120_000);
});
