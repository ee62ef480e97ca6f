/**
 * The nearest name to a misspelt one, for "did you mean" hints in error messages: the same name in
 * another case or spelling (`ignore_index` for `ignoreIndex`), a name it starts (`hidden` for
 * `hiddenSize`), or the name within a third of its length in edits (`lenght` for `length`).
 * `undefined` when nothing is that close.
 *
 * @example closestName("epoch", ["epochs", "steps"]) // "epochs"
 */
export function closestName(name: string, names: readonly string[]): string | undefined {
  const key = normalized(name);
  const others = names.filter((n) => n !== name);
  const sameSpelling = others.find((n) => normalized(n) === key);
  if (sameSpelling !== undefined) return sameSpelling;
  const allowed = Math.max(1, Math.floor(key.length / 3));
  let best: string | undefined;
  let bestDistance = allowed + 1;
  for (const candidate of others) {
    const distance = editDistance(key, normalized(candidate));
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (best !== undefined) return best;
  return key.length >= 3 ? others.find((n) => normalized(n).startsWith(key)) : undefined;
}

/** Lower case without `_`, `-` or spaces, so `retain_graph` and `retainGraph` compare equal. */
function normalized(name: string): string {
  return name.toLowerCase().replace(/[_\-\s]/g, "");
}

/** Edits (insert, delete, substitute, swap two neighbours) turning `a` into `b`. */
function editDistance(a: string, b: string): number {
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((previous[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, (before[j - 2] ?? 0) + 1);
      row.push(d);
    }
    before = previous;
    previous = row;
  }
  return previous[b.length] ?? 0;
}
