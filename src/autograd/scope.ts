/**
 * Scope and time-step tags for graph nodes. A recurrent layer wraps each step in
 * `withScope({ module: "lstm.l0", step: t }, ...)`, so every node made inside records where it
 * came from; the unrolled-graph figure is derived from these tags.
 */

/** Tags a node may carry. */
export interface ScopeTags {
  /** Dotted module path, e.g. `lstm.l0` or `encoder.rnn.l1_reverse`. */
  module?: string;
  /** Time step t (0-based) inside a recurrent loop. */
  step?: number;
  /** Role of the node in the lecture figure, e.g. `h`, `c`, `gate_i`, `x`, `y`, `loss`. */
  role?: string;
  /** What a gate node is (the gates figure reads it): set by recurrent cells on their gate nodes. */
  gate?: GateTag;
}

/** The tag of a recurrent cell's gate node, or of a gate part of a fused step (`NodePart`). */
export interface GateTag {
  /** The cell, e.g. `LSTM`, `GRU`, `MGU`. */
  readonly cell: string;
  /** Readable name with the lecture symbol, e.g. `forget gate f_t`. */
  readonly label: string;
  /** Sigmoid gates lie in [0, 1]; tanh candidates (`candidate g_t`) in [-1, 1]. */
  readonly activation: "sigmoid" | "tanh";
  /** Its block k in the cell's packing: rows k H .. (k+1) H - 1 of `weight_ih` and `weight_hh`. */
  readonly block: number;
}

/** The merged tags of each open scope, outermost first (merged once, when the scope opens). */
const stack: Array<Readonly<ScopeTags>> = [];

/** The tags in force now: inner scopes override outer ones field by field. */
export function currentScope(): Readonly<ScopeTags> | undefined {
  return stack[stack.length - 1];
}

/**
 * Runs `fn` with `tags` added to every graph node it creates.
 *
 * @example withScope({ module: "rnn.l0", step: t }, () => cell.forward(x_t, h));
 */
export function withScope<T>(tags: ScopeTags, fn: () => T): T {
  stack.push(Object.freeze({ ...currentScope(), ...tags }));
  try {
    return fn();
  } finally {
    stack.pop();
  }
}
