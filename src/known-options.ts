import { closestName } from "./closest-name";
import { ValueError } from "./errors";

/**
 * The one check of every public options object: it must be an object (or `undefined`, meaning no
 * options), and each of its keys one that `allowed` lists. A misspelt option (`{ epoch: 3 }`,
 * `{ maks }`) is an error naming the function, every allowed option and the nearest one, never
 * silently ignored:
 * `train: unknown option "epoch"; expected one of data, epochs, ..., got epoch (did you mean "epochs"?)`.
 *
 * @example checkKnownOptions("LSTM", options, ["inputSize", "hiddenSize"])
 */
export function checkKnownOptions(owner: string, options: unknown, allowed: readonly string[]): void {
  if (options === undefined) return;
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw new ValueError(`${owner}: options must be an object; got ${Array.isArray(options) ? "an array" : String(options)}`);
  }
  const unknown = Object.keys(options).filter((k) => !allowed.includes(k));
  if (unknown.length === 0) return;
  const near = unknown.flatMap((k) => {
    const name = closestName(k, allowed);
    return name === undefined ? [] : [{ typo: k, name }];
  });
  const hint =
    near.length === 0 ? "" : unknown.length === 1 ? ` (did you mean "${near[0]?.name}"?)` : ` (did you mean ${near.map((n) => `"${n.name}" for "${n.typo}"`).join(", ")}?)`;
  const expected = allowed.length === 0 ? "no options" : `one of ${allowed.join(", ")}`;
  throw new ValueError(
    `${owner}: unknown option${unknown.length > 1 ? "s" : ""} ${unknown.map((k) => `"${k}"`).join(", ")}; ` +
      `expected ${expected}, got ${unknown.join(", ")}${hint}`,
  );
}

/**
 * The option names of an options type `T`, listed once in a form the compiler checks: leaving a
 * name out or adding one that `T` lacks is a compile error, so the run-time list cannot drift from
 * the type.
 *
 * @example const VAR_OPTIONS = optionNames<VarOptions>({ correction: true, keepdim: true });
 */
export function optionNames<T extends object>(names: { readonly [K in keyof Required<T>]: true }): readonly string[] {
  return Object.keys(names);
}
