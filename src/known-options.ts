import { ValueError } from "./errors";

/**
 * The one check of every public options object: it must be an object, and each of its keys one
 * that `allowed` lists. A misspelt option (`{ epoch: 3 }`, `{ maks }`) is an error, never silently
 * ignored.
 *
 * @example checkKnownOptions("LSTM", options, ["inputSize", "hiddenSize"])
 */
export function checkKnownOptions(owner: string, options: object, allowed: readonly string[]): void {
  if (typeof options !== "object" || options === null) {
    throw new ValueError(`${owner}: options must be an object; got ${String(options)}`);
  }
  const unknown = Object.keys(options).filter((k) => !allowed.includes(k));
  if (unknown.length > 0) {
    throw new ValueError(
      `${owner}: unknown option${unknown.length > 1 ? "s" : ""} ${unknown.map((k) => `"${k}"`).join(", ")}; ` +
        `expected one of ${allowed.join(", ")}, got ${unknown.join(", ")}`,
    );
  }
}
