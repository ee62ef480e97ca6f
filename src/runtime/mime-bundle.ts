/**
 * The MIME bundle of any value, by the convention Jupyter kernels for JavaScript share (Deno's
 * kernel and ours): an object that shows itself richly implements
 * `[Symbol.for("Jupyter.display")]()` and returns a plain `{ [mimeType]: data }` map, e.g.
 * `{ "application/vnd.seqgrad.tensor.v1+json": payload, "image/png": png, "text/plain": summary }`.
 * Every other value is shown by its `text/plain` form.
 */
import { nodeBuiltin } from "./node-builtin";
import { ValueError } from "../errors";

/** The symbol a displayable object keys its bundle method with. */
export const JUPYTER_DISPLAY: unique symbol = Symbol.for("Jupyter.display");

/** MIME type to data, e.g. `{ "text/plain": "Tensor [2, 3] float32" }`. */
export type MimeBundle = Record<string, unknown>;

/** How long a `text/plain` form may grow before nested values are summarized. */
const INSPECT_OPTIONS = { depth: 4, maxArrayLength: 100, maxStringLength: 10_000, breakLength: 100 };

/** The `text/plain` form of a value: the one Node's REPL prints (strings quoted). */
export function plainText(value: unknown): string {
  const util = nodeBuiltin<typeof import("node:util")>("node:util");
  return util === undefined ? portableText(value) : util.inspect(value, INSPECT_OPTIONS);
}

/** The `text/plain` form where `node:util` is missing (browsers): strings quoted, objects as JSON. */
function portableText(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "function") return `[Function: ${value.name || "(anonymous)"}]`;
  if (typeof value !== "object" || value === null) return String(value);
  if (value instanceof Error) return value.stack ?? `${value.name}: ${value.message}`;
  try {
    const text = JSON.stringify(value, null, 1)?.replace(/\n\s*/g, " ");
    if (text !== undefined) return text.length > INSPECT_OPTIONS.maxStringLength ? `${text.slice(0, 10_000)} ...` : text;
  } catch {
    // cyclic or BigInt-holding values: their class name below
  }
  return `[object ${value.constructor?.name ?? "Object"}]`;
}

/**
 * The MIME bundle of `value`: its own bundle when it implements `[Symbol.for("Jupyter.display")]()`
 * (given a `text/plain` entry if it lacks one), `{ "text/plain": ... }` otherwise.
 *
 * @example mimeBundle(tensor([1, 2]))  // { "application/vnd.seqgrad.tensor.v1+json": ..., "text/plain": ... }
 * @example mimeBundle(42)              // { "text/plain": "42" }
 */
export function mimeBundle(value: unknown): MimeBundle {
  const method = displayMethod(value);
  if (method === undefined) return { "text/plain": plainText(value) };
  const bundle: unknown = Reflect.apply(method, value, []);
  if (!isPlainRecord(bundle)) {
    throw new ValueError(
      `mimeBundle: [Symbol.for("Jupyter.display")]() must return a map of MIME type to data; ` +
        `expected a plain object, got ${describe(bundle)}`,
    );
  }
  if ("text/plain" in bundle) return { ...bundle };
  return { ...bundle, "text/plain": plainText(value) };
}

/** The bundle method of a displayable value, or undefined for any other value. */
function displayMethod(value: unknown): Function | undefined {
  if ((typeof value !== "object" && typeof value !== "function") || value === null) return undefined;
  const method: unknown = Reflect.get(value, JUPYTER_DISPLAY);
  return typeof method === "function" ? method : undefined;
}

function isPlainRecord(value: unknown): value is MimeBundle {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return `an instance of ${value.constructor?.name ?? "an unnamed class"}`;
  return typeof value;
}
