/**
 * The text form of values in the browser kernel, close to what Node prints (`console.log`, a
 * cell's last value): strings bare at the top and quoted inside, arrays `[ 1, 2, 3 ]`, objects
 * `{ a: 1 }` with their class name, typed arrays, maps and sets; a seqgrad object (anything with a
 * `[Symbol.for("Jupyter.display")]` bundle) by its own `text/plain`. Nesting is cut at depth 3,
 * arrays at 100 items.
 */

const JUPYTER_DISPLAY = Symbol.for("Jupyter.display");
const MAX_DEPTH = 3;
const MAX_ITEMS = 100;
const BREAK_LENGTH = 80;

/** Node's `util.format` for the common cases: `%s %d %i %f %j %o %O %%`, then the rest by spaces. */
export function formatArgs(args: unknown[]): string {
  const [first, ...rest] = args;
  if (typeof first !== "string") return args.map((a) => (typeof a === "string" ? a : inspect(a))).join(" ");
  let index = 0;
  const head = first.replace(/%[sdifjoO%]/g, (token) => {
    if (token === "%%") return "%";
    if (index >= rest.length) return token;
    const value = rest[index++];
    if (token === "%s") return typeof value === "string" ? value : inspect(value);
    if (token === "%d" || token === "%i") return String(token === "%i" ? Math.trunc(Number(value)) : Number(value));
    if (token === "%f") return String(Number(value));
    if (token === "%j") return JSON.stringify(value) ?? "undefined";
    return inspect(value);
  });
  return [head, ...rest.slice(index).map((a) => (typeof a === "string" ? a : inspect(a)))].join(" ");
}

/** The printed form of `value`. */
export function inspect(value: unknown, depth = 0, seen: Set<object> = new Set()): string {
  if (typeof value === "string") return depth === 0 ? quote(value) : quote(value);
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "symbol") return value.toString();
  if (typeof value === "function") return value.toString().startsWith("class") ? `[class ${value.name || "(anonymous)"}]` : `[Function: ${value.name || "(anonymous)"}]`;
  if (typeof value !== "object" || value === null) return Object.is(value, -0) ? "-0" : String(value);
  const own = ownText(value);
  if (own !== undefined) return own;
  if (value instanceof Error) return value.stack ?? `${value.name}: ${value.message}`;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "Invalid Date" : value.toISOString();
  if (value instanceof RegExp) return String(value);
  if (value instanceof Promise) return "Promise { <pending> }";
  if (seen.has(value)) return "[Circular]";
  if (depth > MAX_DEPTH) return Array.isArray(value) ? "[Array]" : `[${className(value) ?? "Object"}]`;
  seen.add(value);
  try {
    return composite(value, depth, seen);
  } finally {
    seen.delete(value);
  }
}

function composite(value: object, depth: number, seen: Set<object>): string {
  const child = (v: unknown): string => inspect(v, depth + 1, seen);
  if (Array.isArray(value)) return list("", items(value, child), "[", "]");
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const array = Array.from(value as unknown as ArrayLike<number | bigint>);
    return list(`${className(value)}(${array.length}) `, items(array, child), "[", "]");
  }
  if (value instanceof Map) {
    const entries = [...value.entries()].slice(0, MAX_ITEMS).map(([k, v]) => `${child(k)} => ${child(v)}`);
    return list(`Map(${value.size}) `, entries, "{", "}");
  }
  if (value instanceof Set) return list(`Set(${value.size}) `, items([...value], child), "{", "}");
  const name = className(value);
  const fields = Object.keys(value).map((key) => `${propertyName(key)}: ${child(Reflect.get(value, key))}`);
  const prefix = name === undefined || name === "Object" ? "" : `${name} `;
  return fields.length === 0 ? `${prefix}{}` : list(prefix, fields, "{", "}");
}

function items(values: readonly unknown[], child: (v: unknown) => string): string[] {
  const shown = values.slice(0, MAX_ITEMS).map(child);
  if (values.length > MAX_ITEMS) shown.push(`... ${values.length - MAX_ITEMS} more items`);
  return shown;
}

function list(prefix: string, parts: string[], open: string, close: string): string {
  if (parts.length === 0) return `${prefix}${open}${close}`;
  const flat = `${prefix}${open} ${parts.join(", ")} ${close}`;
  if (flat.length <= BREAK_LENGTH && !flat.includes("\n")) return flat;
  return `${prefix}${open}\n${parts.map((p) => `  ${p.replace(/\n/g, "\n  ")}`).join(",\n")}\n${close}`;
}

/** The `text/plain` a displayable object gives for itself. */
function ownText(value: object): string | undefined {
  const method: unknown = Reflect.get(value, JUPYTER_DISPLAY);
  if (typeof method !== "function") return undefined;
  try {
    const bundle: unknown = Reflect.apply(method, value, []);
    const text: unknown = typeof bundle === "object" && bundle !== null ? Reflect.get(bundle, "text/plain") : undefined;
    return typeof text === "string" ? text : undefined;
  } catch {
    return undefined;
  }
}

function className(value: object): string | undefined {
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto === null) return "[Object: null prototype]";
  const ctor: unknown = typeof proto === "object" ? Reflect.get(proto, "constructor") : undefined;
  return typeof ctor === "function" && ctor.name !== "" ? ctor.name : undefined;
}

function propertyName(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : quote(key);
}

function quote(text: string): string {
  return `'${text.replace(/\\/g, "\\\\").replace(/'/g, "\\'").replace(/\n/g, "\\n")}'`;
}
