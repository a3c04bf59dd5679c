import { describe, expect, it } from 'vitest';
import { createTestIo } from '../../test/helpers/test-io.js';
import { stripAnsi } from './colors.js';
import { Output } from './output.js';
import type { Column } from './table.js';

interface Row {
  name: string;
  count: number;
  note: string | null;
  created_at: string;
}

const now = Date.parse('2026-11-24T12:00:00Z');
const prod: Row = { name: 'prod', count: 3, note: 'main\tsite', created_at: '2026-11-24T11:57:00Z' };
const staging: Row = { name: 'staging-eu', count: 0, note: null, created_at: '2026-11-22T12:00:00Z' };
const rows: Row[] = [prod, staging];
const columns: readonly Column<Row>[] = [
  { header: 'NAME', key: 'name', value: (r) => r.name },
  { header: 'COUNT', key: 'count', value: (r) => r.count, style: (t, _r, p) => p.green(t) },
  { header: 'CREATED', key: 'created_at', value: (r) => r.created_at, kind: 'time' },
  { header: 'NOTE', key: 'note', value: (r) => r.note, flexible: true },
];
const ESC = '\u001b[';

function render(opts: { tty: boolean; color?: boolean; mode?: 'table' | 'json' | 'jsonl'; columns?: number }) {
  const io = createTestIo({ isStdoutTTY: opts.tty, isStderrTTY: opts.tty, columns: opts.columns });
  const out = new Output(io, { output: opts.mode ?? 'table', color: opts.color ?? true }, now);
  return { io, out };
}

describe('Output.list', () => {
  it('on a terminal: aligned columns, a header, relative times, colour', () => {
    const { io, out } = render({ tty: true });
    out.list(rows, columns);
    const plain = stripAnsi(io.stdoutText());
    expect(plain).toBe(
      [
        'NAME        COUNT  CREATED        NOTE',
        'prod        3      3 minutes ago  main site',
        'staging-eu  0      2 days ago     -',
        '',
      ].join('\n'),
    );
    expect(io.stdoutText()).toContain(`${ESC}1mNAME`);
    expect(io.stdoutText()).toContain(`${ESC}32m3`);
  });

  it('on a terminal with --no-color/NO_COLOR: no escape codes', () => {
    const { io, out } = render({ tty: true, color: false });
    out.list(rows, columns);
    expect(io.stdoutText()).not.toContain(ESC);
    expect(io.stdoutText()).toMatch(/^NAME {8}COUNT/);
  });

  it('piped: tab-separated, no header, ISO times, no colour, tabs in values flattened', () => {
    const { io, out } = render({ tty: false, color: true });
    out.list(rows, columns);
    expect(io.stdoutText()).toBe('prod\t3\t2026-11-24T11:57:00Z\tmain site\nstaging-eu\t0\t2026-11-22T12:00:00Z\t\n');
  });

  it('shrinks the flexible column to the terminal width', () => {
    const { io, out } = render({ tty: true, color: false, columns: 40 });
    out.list([{ ...prod, note: 'a very long description that does not fit' }], columns);
    const lines = io.stdoutText().trimEnd().split('\n');
    expect(lines[1]).toMatch(/…$/);
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(40);
  });

  it('json: exactly one document, the rows as they are (an array)', () => {
    const { io, out } = render({ tty: false, mode: 'json' });
    out.list(rows, columns);
    expect(JSON.parse(io.stdoutText())).toEqual(rows);
    expect(io.stdoutText().trim().split('\n')).toHaveLength(1);
  });

  it('json on a terminal is pretty-printed (still one document)', () => {
    const { io, out } = render({ tty: true, mode: 'json' });
    out.list(rows, columns);
    expect(JSON.parse(io.stdoutText())).toEqual(rows);
    expect(io.stdoutText()).toContain('\n  {');
  });

  it('jsonl: one object per line', () => {
    const { io, out } = render({ tty: false, mode: 'jsonl' });
    out.list(rows, columns);
    expect(io.stdoutText().trimEnd().split('\n').map((l) => JSON.parse(l) as unknown)).toEqual(rows);
  });

  it('an empty list: nothing on stdout in table mode (a note on stderr), [] in json', () => {
    const table = render({ tty: false });
    table.out.list([], columns, { empty: 'No rows.' });
    expect(table.io.stdoutText()).toBe('');
    expect(table.io.stderrText()).toBe('No rows.\n');
    const json = render({ tty: false, mode: 'json' });
    json.out.list([], columns);
    expect(json.io.stdoutText()).toBe('[]\n');
  });
});

describe('Output.details / row / result / success', () => {
  it('details on a terminal: labels and values, times absolute and relative', () => {
    const { io, out } = render({ tty: true, color: false });
    out.details(prod, [
      { header: 'Name', key: 'name', value: (r: Row) => r.name },
      { header: 'Created', key: 'created_at', value: (r: Row) => r.created_at, kind: 'time' },
    ]);
    expect(io.stdoutText()).toBe('Name:     prod\nCreated:  2026-11-24T11:57:00Z (3 minutes ago)\n');
  });

  it('details piped: key<TAB>value with wire keys', () => {
    const { io, out } = render({ tty: false });
    out.details(staging, [
      { header: 'Name', key: 'name', value: (r: Row) => r.name },
      { header: 'Note', key: 'note', value: (r: Row) => r.note },
    ]);
    expect(io.stdoutText()).toBe('name\tstaging-eu\nnote\t\n');
  });

  it('row in json mode is the object itself; in jsonl one line', () => {
    const json = render({ tty: false, mode: 'json' });
    json.out.row(prod, columns);
    expect(JSON.parse(json.io.stdoutText())).toEqual(rows[0]);
    const jsonl = render({ tty: false, mode: 'jsonl' });
    jsonl.out.row(prod, columns);
    expect(jsonl.io.stdoutText()).toBe(`${JSON.stringify(rows[0])}\n`);
  });

  it('result: the value in json; only the human line on stdout in table mode', () => {
    const table = render({ tty: false });
    table.out.result({ a: 1 }, 'http://web.prod.localhost:4080');
    table.out.success('Created.');
    expect(table.io.stdoutText()).toBe('http://web.prod.localhost:4080\n');
    expect(table.io.stderrText()).toBe('✓ Created.\n');
    const json = render({ tty: false, mode: 'json' });
    json.out.result({ a: 1 }, 'ignored');
    json.out.success('Created.');
    expect(json.io.stdoutText()).toBe('{"a":1}\n');
    expect(json.io.stderrText()).toBe('');
  });

  it('colours stderr messages only when stderr is a terminal', () => {
    const tty = render({ tty: true });
    tty.out.warn('careful');
    expect(tty.io.stderrText()).toContain(`${ESC}33mWarning:`);
    const piped = render({ tty: false });
    piped.out.warn('careful');
    expect(piped.io.stderrText()).toBe('Warning: careful\n');
  });
});
