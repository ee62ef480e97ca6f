/**
 * The library's one door to Node's built-in modules. Nothing on the runtime path imports `node:*`
 * statically, so the same build loads in browsers, Web Workers, Deno and bundlers; where Node's
 * modules exist (Node >= 20.16, Deno) `process.getBuiltinModule` hands them out, in the CommonJS and
 * the ES module build alike.
 */

interface BuiltinHost {
  getBuiltinModule?(name: string): unknown;
}

/**
 * The Node built-in module `name` (e.g. `"node:fs"`), or undefined where there is none (browsers).
 *
 * @example const os = nodeBuiltin<typeof import("node:os")>("node:os");
 */
export function nodeBuiltin<T>(name: string): T | undefined {
  const host: unknown = Reflect.get(globalThis, "process");
  if (typeof host !== "object" || host === null) return undefined;
  const get = (host as BuiltinHost).getBuiltinModule;
  if (typeof get !== "function") return undefined;
  try {
    const module: unknown = Reflect.apply(get, host, [name]);
    // the caller names the module and its type together; nothing else can check the pair
    return module === undefined || module === null ? undefined : (module as T);
  } catch {
    return undefined;
  }
}

/** The environment variable `name`, or undefined where there is no process environment. */
export function envVar(name: string): string | undefined {
  const host: unknown = Reflect.get(globalThis, "process");
  if (typeof host !== "object" || host === null) return undefined;
  const env: unknown = Reflect.get(host, "env");
  if (typeof env !== "object" || env === null) return undefined;
  const value: unknown = Reflect.get(env, name);
  return typeof value === "string" ? value : undefined;
}
