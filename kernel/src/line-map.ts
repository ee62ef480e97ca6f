/**
 * The two halves of mapping a line of tslab's compiled cell back to the cell (see
 * `cell-sources.ts`): reading a source map's line mapping, and aligning tslab's output with a
 * plain compilation of the same cell.
 */

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/**
 * For each generated line of a source map (index 0 is line 1), the original line (1-based) of its
 * first mapped segment, or undefined for a line without one.
 */
export function originalLines(sourceMapText: string): (number | undefined)[] {
  let mappings = "";
  try {
    const parsed: unknown = JSON.parse(sourceMapText);
    const value = typeof parsed === "object" && parsed !== null ? Reflect.get(parsed, "mappings") : undefined;
    mappings = typeof value === "string" ? value : "";
  } catch {
    return [];
  }
  const lines: (number | undefined)[] = [];
  let original = 0;
  for (const line of mappings.split(";")) {
    let first: number | undefined;
    for (const segment of line.split(",")) {
      const fields = decodeVlq(segment);
      // Fields: generated column, source index, original line, original column[, name].
      if (fields.length < 4) continue;
      original += fields[2] ?? 0;
      first ??= original + 1;
    }
    lines.push(first);
  }
  return lines;
}

/** The numbers of one base64 VLQ segment. */
function decodeVlq(segment: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = BASE64.indexOf(char);
    if (digit < 0) return [];
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    values.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0;
    shift = 0;
  }
  return values;
}

/**
 * For each line of `ours` (tslab's output), the index of the same statement's line in `theirs`
 * (a plain compilation), by a longest common subsequence of the lines with `exports.` prefixes,
 * the last-value variable and spaces removed. A line without a match takes the match of the line
 * before it (an `exports.x = x;` line belongs to the declaration above it).
 */
export function alignLines(ours: readonly string[], theirs: readonly string[]): (number | undefined)[] {
  const a = ours.map(normalize);
  const b = theirs.map(normalize);
  const n = a.length;
  const m = b.length;
  // lengths[i][j]: LCS length of a[i..] and b[j..].
  const lengths = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    const row = lengths[i];
    const below = lengths[i + 1];
    if (row === undefined || below === undefined) continue;
    for (let j = m - 1; j >= 0; j--) {
      row[j] = a[i] !== "" && a[i] === b[j] ? (below[j + 1] ?? 0) + 1 : Math.max(below[j] ?? 0, row[j + 1] ?? 0);
    }
  }
  const matched: (number | undefined)[] = new Array<number | undefined>(n).fill(undefined);
  for (let i = 0, j = 0; i < n && j < m; ) {
    if (a[i] !== "" && a[i] === b[j]) matched[i++] = j++;
    else if ((lengths[i + 1]?.[j] ?? 0) >= (lengths[i]?.[j + 1] ?? 0)) i++;
    else j++;
  }
  for (let i = 1; i < n; i++) matched[i] ??= matched[i - 1];
  return matched;
}

function normalize(line: string): string {
  return line
    .replace(/\bexports\.tsLastExpr\d*\s*=\s*/g, "")
    .replace(/\bexports\./g, "")
    .replace(/\s+/g, "");
}
