/**
 * Generated line to source line, read from the source map TypeScript writes for a cell. Removing
 * types can delete whole lines (interfaces, type aliases), so an error's line in the emitted
 * JavaScript is not the line the student typed; this map turns one into the other.
 */

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** Decodes one segment's base64 VLQ fields (generated column, source, line, column, ...). */
function decodeSegment(segment: string): number[] {
  const fields: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = BASE64.indexOf(char);
    if (digit < 0) break;
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0;
    shift = 0;
  }
  return fields;
}

/**
 * For each generated line (0-based), the 0-based source line its first mapped segment comes from;
 * lines without a segment take the previous line's.
 */
export function sourceLines(sourceMapText: string): number[] {
  const map = JSON.parse(sourceMapText) as { mappings: string };
  const lines: number[] = [];
  let sourceLine = 0;
  for (const generated of map.mappings.split(";")) {
    let first: number | undefined;
    for (const segment of generated.split(",")) {
      if (segment === "") continue;
      const fields = decodeSegment(segment);
      // fields are deltas: [column, source index, source line, source column, name]
      if (fields.length >= 4) {
        sourceLine += fields[2] ?? 0;
        first ??= sourceLine;
      }
    }
    lines.push(first ?? sourceLine);
  }
  return lines;
}
