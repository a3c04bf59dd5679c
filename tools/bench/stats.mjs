import { appendFileSync } from 'node:fs';

// Small statistics helpers shared by the benchmarks.
export function summarize(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const pick = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const mean = sorted.reduce((s, x) => s + x, 0) / sorted.length;
  return { n: sorted.length, mean, p50: pick(0.5), p95: pick(0.95), p99: pick(0.99), min: sorted[0], max: sorted.at(-1) };
}

export function fmtMs(x) {
  return x >= 100 ? `${x.toFixed(0)} ms` : x >= 1 ? `${x.toFixed(1)} ms` : `${(x * 1000).toFixed(0)} µs`;
}

/** Prints rows of {name, stats, baseline?} as an aligned table with ratios against the baseline's median. */
export function printTable(rows, baseline) {
  const header = ['case', 'n', 'p50', 'p95', 'mean', baseline ? `× ${baseline.name}` : ''];
  const lines = rows.map((r) => [
    r.name,
    String(r.stats.n),
    fmtMs(r.stats.p50),
    fmtMs(r.stats.p95),
    fmtMs(r.stats.mean),
    baseline ? `${(r.stats.p50 / baseline.stats.p50).toFixed(2)}×` : '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  for (const l of [header, ...lines]) console.log(l.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd());
}

/** A ratio target (`value` ≤ `limit`, both as ×) with the baseline that gives it its meaning: a {@link verdict}. */
export function target({ name, value, limit, baseline = '' }) {
  return verdict(name, value <= limit, `${value.toFixed(2)}× (target ≤ ${limit.toFixed(2)}×${baseline ? `; baseline ${baseline}` : ''})`);
}

/**
 * Prints one verdict (a target with its numbers from this run) and records it for the summary `npm run bench`
 * prints at the end (BENCH_TARGETS_FILE).
 */
export function verdict(name, met, numbers) {
  console.log(`VERDICT ${met ? 'met    ' : 'NOT MET'}  ${name}: ${numbers}`);
  if (process.env.BENCH_TARGETS_FILE) appendFileSync(process.env.BENCH_TARGETS_FILE, `${name}: ${numbers} — ${met ? 'met' : 'NOT met'}\n`);
  return met;
}
