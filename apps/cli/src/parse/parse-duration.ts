import { UsageError } from '../errors/cli-error.js';

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

/**
 * A duration flag (`--timeout 90s`): a number with a unit `ms`, `s`, `m` or `h`, or several (`1m30s`); a bare
 * number means seconds. Returns milliseconds; zero and negative durations are refused (exit 2).
 */
export function parseDurationFlag(flag: string, value: string): number {
  const text = value.trim();
  let ms: number | undefined;
  if (/^\d+(\.\d+)?$/.test(text)) ms = Number(text) * 1000;
  else if (/^(\d+(\.\d+)?(ms|s|m|h))+$/.test(text)) {
    ms = 0;
    for (const part of text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) ms += Number(part[1]) * (UNIT_MS[part[2] ?? ''] ?? 0);
  }
  if (ms === undefined || !(ms > 0) || !Number.isFinite(ms)) {
    throw new UsageError(`Invalid duration for --${flag}: "${value}".`, 'Use a number with a unit: 90s, 10m, 1h (a bare number is seconds).');
  }
  return Math.round(ms);
}
