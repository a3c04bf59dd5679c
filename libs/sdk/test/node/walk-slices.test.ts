import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { walkSourceTree } from '../../src/node/index.js';
import { makeTree, type TreeSpec } from './make-tree.js';

// The walk reads directories and hashes files with synchronous calls; it must still give the event loop a turn
// every few milliseconds (timers, progress output, Ctrl-C). Here a synchronous fs call deep inside each phase
// schedules an abort with setImmediate: only a walk that yields between its synchronous calls can see it. The
// clock the slices are measured with runs 1 ms per reading, so a small tree has many slices on any machine.

const trigger = vi.hoisted(() => ({ call: 'none' as 'readdirSync' | 'openSync' | 'none', after: 0, fire: (): void => undefined, opened: 0 }));

vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs')>();
  const counted = <F extends (...args: never[]) => unknown>(name: 'readdirSync' | 'openSync', fn: F): F =>
    ((...args: Parameters<F>) => {
      if (name === 'openSync') trigger.opened++;
      if (trigger.call === name && --trigger.after === 0) setImmediate(trigger.fire);
      return fn(...args);
    }) as F;
  return { ...actual, readdirSync: counted('readdirSync', actual.readdirSync), openSync: counted('openSync', actual.openSync) };
});

const cleanups: (() => Promise<void>)[] = [];
let clock = 0;
beforeEach(() => {
  vi.spyOn(performance, 'now').mockImplementation(() => (clock += 1));
});
afterEach(async () => {
  vi.restoreAllMocks();
  trigger.call = 'none';
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

async function tree(): Promise<string> {
  const spec: TreeSpec = {};
  for (let d = 0; d < 10; d++) for (let f = 0; f < 10; f++) spec[`lib/p${d}/f${f}.js`] = `// ${d}/${f}\n`;
  const t = await makeTree(spec);
  cleanups.push(t.cleanup);
  return t.dir;
}

describe('walkSourceTree time slices', () => {
  for (const [phase, call, after] of [
    ['reading directories', 'readdirSync', 3],
    ['hashing files', 'openSync', 5],
  ] as const) {
    it(`serves the event loop (here: an abort) while ${phase}`, async () => {
      const dir = await tree();
      expect((await walkSourceTree(dir, { hashCache: false })).files).toHaveLength(100);
      const controller = new AbortController();
      Object.assign(trigger, { call, after, opened: 0, fire: () => controller.abort(new Error(`aborted while ${phase}`)) });
      await expect(walkSourceTree(dir, { signal: controller.signal, hashCache: false })).rejects.toThrow(`aborted while ${phase}`);
      expect(trigger.after).toBeLessThanOrEqual(0); // the trigger fired
      // Stopped in that phase: the directory walk before any file was opened, the hashing before the last file.
      if (call === 'readdirSync') expect(trigger.opened).toBe(0);
      else expect(trigger.opened).toBeLessThan(100);
    });
  }
});
