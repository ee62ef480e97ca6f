/** Field checks used by the payload validators; each throws a `PayloadError` naming the path. */

export class PayloadError extends Error {}

export type Obj = Record<string, unknown>;

export function describe(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (typeof v === "string") return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}...` : v);
  if (typeof v === "number") return String(v);
  return typeof v;
}

export function fail(path: string, expected: string, got: unknown): never {
  throw new PayloadError(`${path}: expected ${expected}, got ${describe(got)}`);
}

export function obj(v: unknown, path: string): Obj {
  if (typeof v !== "object" || v === null || Array.isArray(v)) fail(path, "an object", v);
  return v as Obj;
}

export function num(v: unknown, path: string): number {
  if (typeof v !== "number" || !Number.isFinite(v)) fail(path, "a finite number", v);
  return v;
}

export function int(v: unknown, path: string, min = 0): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < min) fail(path, `an integer >= ${min}`, v);
  return v;
}

export function nullableNum(v: unknown, path: string): void {
  if (v !== null) num(v, path);
}

export function jsonNum(v: unknown, path: string): void {
  if (typeof v === "number" && Number.isFinite(v)) return;
  if (v === "NaN" || v === "Infinity" || v === "-Infinity") return;
  fail(path, 'a finite number, "NaN", "Infinity" or "-Infinity"', v);
}

export function str(v: unknown, path: string): string {
  if (typeof v !== "string") fail(path, "a string", v);
  return v;
}

export function optStr(v: unknown, path: string): void {
  if (v !== undefined) str(v, path);
}

export function nullableStr(v: unknown, path: string): void {
  if (v !== null) str(v, path);
}

export function bool(v: unknown, path: string): void {
  if (typeof v !== "boolean") fail(path, "a boolean", v);
}

export function oneOf(v: unknown, options: readonly string[], path: string): string {
  if (typeof v !== "string" || !options.includes(v)) fail(path, `one of ${options.join(", ")}`, v);
  return v;
}

export function arr(v: unknown, path: string, length?: number): unknown[] {
  if (!Array.isArray(v)) fail(path, "an array", v);
  if (length !== undefined && v.length !== length) fail(path, `${length} values`, v);
  return v;
}

export function each(v: unknown, path: string, check: (item: unknown, path: string) => void, length?: number): unknown[] {
  const a = arr(v, path, length);
  a.forEach((item, i) => check(item, `${path}[${i}]`));
  return a;
}

export function shape(v: unknown, path: string): void {
  each(v, path, (d, p) => int(d, p));
}

export function point(v: unknown, path: string): void {
  const o = obj(v, path);
  num(o.x, `${path}.x`);
  num(o.y, `${path}.y`);
}

export function box(o: Obj, path: string): void {
  num(o.x, `${path}.x`);
  num(o.y, `${path}.y`);
  num(o.width, `${path}.width`);
  num(o.height, `${path}.height`);
}

export function colorScale(v: unknown, path: string): void {
  const o = obj(v, path);
  oneOf(o.scheme, ["viridis", "rdbu", "blues"], `${path}.scheme`);
  num(o.min, `${path}.min`);
  num(o.max, `${path}.max`);
  const n = each(o.ticks, `${path}.ticks`, num).length;
  each(o.tickText, `${path}.tickText`, str, n);
}

export function axis(v: unknown, path: string): void {
  const o = obj(v, path);
  str(o.label, `${path}.label`);
  const scale = oneOf(o.scale, ["linear", "log"], `${path}.scale`);
  const range = each(o.range, `${path}.range`, num, 2) as number[];
  if (!((range[0] ?? 0) < (range[1] ?? 0)) || (scale === "log" && (range[0] ?? 0) <= 0)) fail(`${path}.range`, scale === "log" ? "0 < lo < hi" : "lo < hi", range.join(", "));
  const n = each(o.ticks, `${path}.ticks`, num).length;
  each(o.tickText, `${path}.tickText`, str, n);
}

export function matrix(v: unknown, path: string): void {
  const o = obj(v, path);
  const rows = each(o.rowIndex, `${path}.rowIndex`, (x, p) => int(x, p)).length;
  const cols = each(o.colIndex, `${path}.colIndex`, (x, p) => int(x, p)).length;
  int(o.sourceRows, `${path}.sourceRows`);
  int(o.sourceCols, `${path}.sourceCols`);
  each(o.z, `${path}.z`, (row, p) => each(row, p, jsonNum, cols), rows);
}

export function stats(v: unknown, path: string): void {
  const o = obj(v, path);
  int(o.numel, `${path}.numel`);
  for (const key of ["min", "max", "mean", "std", "norm"]) nullableNum(o[key], `${path}.${key}`);
  int(o.nanCount, `${path}.nanCount`);
  int(o.infCount, `${path}.infCount`);
}

export function nested(v: unknown, path: string): void {
  if (Array.isArray(v)) v.forEach((x, i) => nested(x, `${path}[${i}]`));
  else jsonNum(v, path);
}

export function valueSummary(v: unknown, path: string): void {
  if (v === null) return;
  const o = obj(v, path);
  if (o.values !== null) each(o.values, `${path}.values`, jsonNum);
  stats(o.stats, `${path}.stats`);
}

export function idSet(items: unknown[], path: string): Set<string> {
  const ids = new Set<string>();
  items.forEach((item, i) => {
    const id = str(obj(item, `${path}[${i}]`).id, `${path}[${i}].id`);
    if (ids.has(id)) fail(`${path}[${i}].id`, "a unique id", id);
    ids.add(id);
  });
  return ids;
}

export function ref(v: unknown, ids: Set<string>, path: string): void {
  if (typeof v !== "string" || !ids.has(v)) fail(path, "the id of an existing item", v);
}
