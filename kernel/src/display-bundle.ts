/**
 * The MIME bundle of a cell's last value: by the convention shared with Deno's kernel and
 * seqgrad, an object implementing `[Symbol.for("Jupyter.display")]()` supplies its whole bundle;
 * every other value is shown as text, the way Node's REPL prints it. An object whose method
 * returns an empty map shows nothing (seqgrad's display handles, the value of a `display(...)` line).
 */
import { inspect } from "node:util";

/** MIME type to data. */
export type Bundle = Record<string, unknown>;

const JUPYTER_DISPLAY = Symbol.for("Jupyter.display");
const INSPECT_OPTIONS = { depth: 4, maxArrayLength: 100, maxStringLength: 10_000, breakLength: 100 };

/**
 * The bundle of `value`, or undefined when it asks to show nothing; throws TypeError when its
 * display method returns no plain map.
 */
export function displayBundle(value: unknown): Bundle | undefined {
  const text = (): string => inspect(value, INSPECT_OPTIONS);
  if ((typeof value !== "object" && typeof value !== "function") || value === null) {
    return { "text/plain": text() };
  }
  const method: unknown = Reflect.get(value, JUPYTER_DISPLAY);
  if (typeof method !== "function") return { "text/plain": text() };
  const bundle: unknown = Reflect.apply(method, value, []);
  if (typeof bundle !== "object" || bundle === null || Array.isArray(bundle)) {
    throw new TypeError(
      `[Symbol.for("Jupyter.display")]() must return a map of MIME type to data; got ${inspect(bundle)}`,
    );
  }
  const entries: Bundle = { ...bundle };
  if (Object.keys(entries).length === 0) return undefined;
  if (!("text/plain" in entries)) entries["text/plain"] = text();
  return entries;
}
