/**
 * Edit distance with adjacent transpositions (optimal string alignment), so `stauts` is one edit from `status`
 * like `crate` is from `create`.
 */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  const at = (i: number, j: number): number => d[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      const row = d[i];
      if (row) row[j] = best;
    }
  }
  return at(a.length, b.length);
}

/** How many edits still count as a typo: one for short words, two from five letters, a third from twelve. */
function tolerance(word: string): number {
  if (word.length < 5) return 1;
  return word.length < 12 ? 2 : 3;
}

/**
 * The declared command closest to what was typed, or undefined when nothing is close. `typed` are the leading
 * positional words; a candidate of k words is compared with the first k typed words.
 */
export function suggestCommand(typed: readonly string[], commandNames: readonly string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const name of commandNames) {
    const k = name.split(' ').length;
    if (typed.length < k) continue;
    const attempt = typed.slice(0, k).join(' ');
    const distance = editDistance(attempt, name);
    if (distance > tolerance(name)) continue;
    if (!best || distance < best.distance) best = { name, distance };
  }
  return best?.name;
}

/** The closest known flag name (without dashes) to an unknown one. */
export function suggestOption(typed: string, optionNames: readonly string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const name of optionNames) {
    const distance = editDistance(typed, name);
    if (distance > tolerance(name) || name.length < 2) continue;
    if (!best || distance < best.distance) best = { name, distance };
  }
  return best?.name;
}
