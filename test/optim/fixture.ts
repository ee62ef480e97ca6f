import { readFileSync } from "node:fs";
import { join } from "node:path";

/** Reads a JSON fixture written by a script in test/fixtures/. */
export function loadFixture<T>(name: string): T {
  return JSON.parse(readFileSync(join(__dirname, "..", "fixtures", "torch", name), "utf8")) as T;
}

/** Largest absolute difference between two number lists (Infinity when lengths differ). */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs((a[i] as number) - (b[i] as number)));
  return m;
}
