import { describe, expect, it } from 'vitest';
import { createTestIo } from '../../test/helpers/test-io.js';
import { colorPalette, plainPalette, stripAnsi } from './colors.js';
import { etaSeconds, formatBytes, formatDuration, ProgressReporter, renderProgressLine, renderProgressText } from './progress-bar.js';

const MiB = 1024 * 1024;

describe('formatting', () => {
  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1024, '1.0 KiB'],
    [1536, '1.5 KiB'],
    [100 * MiB, '100 MiB'],
    [52.04 * MiB, '52.0 MiB'],
    [3 * 1024 * MiB, '3.0 GiB'],
  ])('formatBytes(%d) = %s', (bytes, text) => expect(formatBytes(bytes)).toBe(text));

  it.each([
    [0, '0s'],
    [7.4, '7s'],
    [125, '2m05s'],
    [3720, '1h02m'],
  ])('formatDuration(%d) = %s', (seconds, text) => expect(formatDuration(seconds)).toBe(text));

  it('ETA is the bytes left at the average rate so far, unknown before a rate can be measured', () => {
    expect(etaSeconds({ doneBytes: 25 * MiB, totalBytes: 100 * MiB, elapsedMs: 5_000 })).toBe(15);
    expect(etaSeconds({ doneBytes: 1, totalBytes: 100, elapsedMs: 10 })).toBeUndefined();
    expect(etaSeconds({ doneBytes: 0, totalBytes: 100, elapsedMs: 10_000 })).toBeUndefined();
  });
});

describe('renderProgressLine (terminal)', () => {
  const s = { doneBytes: 50 * MiB, totalBytes: 100 * MiB, elapsedMs: 10_000 };

  it('bar, percent, byte counts, rate and ETA, within the terminal width', () => {
    const line = renderProgressLine('Uploading', s, 100, plainPalette);
    expect(line).toBe(`Uploading [${'█'.repeat(15)}${'░'.repeat(15)}]  50% 50.0 MiB/100 MiB 5.0 MiB/s ETA 10s`);
    expect(line.length).toBeLessThan(100);
  });

  it('shrinks the bar on a narrow terminal and drops it when there is no room; never wider than columns - 1', () => {
    for (const columns of [70, 60, 40, 20]) expect(stripAnsi(renderProgressLine('Uploading', s, columns, colorPalette)).length).toBeLessThanOrEqual(columns - 1);
    expect(renderProgressLine('Uploading', s, 50, plainPalette)).not.toContain('[');
  });

  it('colours only with a colour palette', () => {
    expect(renderProgressLine('Uploading', s, 100, colorPalette)).toContain('\u001b[36m');
    expect(renderProgressLine('Uploading', s, 100, plainPalette)).not.toContain('\u001b[');
  });

  it('an empty upload is complete', () => {
    expect(renderProgressText('Uploading', { doneBytes: 0, totalBytes: 0, elapsedMs: 0 })).toBe('Uploading: 100% (0 B of 0 B)');
  });
});

describe('ProgressReporter', () => {
  it('on a terminal: redraws in place (\\r + erase), throttled, and ends with the final state on its own line', () => {
    let t = 0;
    const io = createTestIo({ isStderrTTY: true });
    const bar = new ProgressReporter({ stderr: io.stderr, tty: true, columns: 100, palette: plainPalette, label: 'Uploading', now: () => t });
    bar.update(0, 1000);
    t = 10;
    bar.update(100, 1000); // within 100 ms of the last draw: skipped
    t = 500;
    bar.update(500, 1000);
    bar.log('[build] npm install');
    t = 1000;
    bar.update(1000, 1000);
    bar.finish();
    const text = io.stderrText();
    const draws = text.split('\r\u001b[K').filter((part) => part.startsWith('Uploading'));
    expect(draws.map((d) => /(\d+)%/.exec(d)?.[1])).toEqual(['0', '50', '50', '100', '100']);
    expect(text).toContain('\r\u001b[K[build] npm install\n');
    expect(text.endsWith('ETA 0s\n')).toBe(true);
  });

  it('piped: plain lines at each quarter, no control characters', () => {
    const io = createTestIo();
    let t = 0;
    const bar = new ProgressReporter({ stderr: io.stderr, tty: false, columns: undefined, palette: plainPalette, label: 'Uploading', now: () => t });
    for (let done = 0; done <= 1000; done += 50) {
      t += 100;
      bar.update(done, 1000);
    }
    bar.finish();
    const lines = io.stderrText().split('\n').filter(Boolean);
    expect(lines.map((l) => /: (\d+)%/.exec(l)?.[1])).toEqual(['0', '25', '50', '75', '100']);
    expect(io.stderrText().includes('\r') || io.stderrText().includes('\u001b')).toBe(false);
  });

  it('abandon clears the bar and later updates write nothing', () => {
    const io = createTestIo({ isStderrTTY: true });
    const bar = new ProgressReporter({ stderr: io.stderr, tty: true, columns: 80, palette: plainPalette, label: 'Uploading' });
    bar.update(1, 10);
    bar.abandon();
    const before = io.stderrText();
    bar.update(5, 10);
    expect(before.endsWith('\r\u001b[K')).toBe(true);
    expect(io.stderrText()).toBe(before);
  });
});
