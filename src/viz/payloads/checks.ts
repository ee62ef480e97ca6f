/** The error of payload validation and the wording of its messages: `<path>: expected <x>, got <y>`. */

export class PayloadError extends Error {}

/** A short description of a value for an error message. */
export function describe(v: unknown): string {
  if (v === undefined) return "nothing";
  if (v === null) return "null";
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (typeof v === "string") return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}...` : v);
  if (typeof v === "number") return String(v);
  return typeof v;
}

export function fail(path: string, expected: string, got: unknown): never {
  throw new PayloadError(`${path}: expected ${expected}, got ${describe(got)}`);
}

/** Fails unless `items` has `n` entries. */
export function length(items: readonly unknown[], n: number, path: string, what = `${n} values`): void {
  if (items.length !== n) fail(path, what, items);
}

/** The ids of `items`, failing at the first repeated one. */
export function idSet(items: ReadonlyArray<{ id: string }>, path: string): Set<string> {
  const ids = new Set<string>();
  items.forEach((item, i) => {
    if (ids.has(item.id)) fail(`${path}[${i}].id`, "a unique id", item.id);
    ids.add(item.id);
  });
  return ids;
}

/** Fails unless `id` is one of `ids`. */
export function ref(id: string, ids: ReadonlySet<string>, path: string): void {
  if (!ids.has(id)) fail(path, "the id of an existing item", id);
}
