import { AutogradError } from "../errors";
import type { Tensor } from "../tensor/tensor";
import type { Shape } from "../tensor/shape";
import type { GateTag, ScopeTags } from "./scope";

/**
 * The vector-Jacobian product of one op: given dL/d(output), returns dL/d(input) for each input
 * (null where an input needs no gradient). Runs with recording off, so it may use any op.
 */
export type BackwardFn = (grad: Tensor) => ReadonlyArray<Tensor | null>;

/**
 * A value computed inside a fused op that the graph shows as a part of the op's node, read
 * lazily: the gates of a fused recurrent step (role `gate_f`, gate `forget gate f_t`), which
 * the composed path has as nodes of their own.
 */
export interface NodePart {
  /** Module scope of the op, e.g. `lstm.l0`. */
  module: string;
  /** Time step the part belongs to. */
  step: number;
  /** Role tag, as a composed node of the same value would carry, e.g. `gate_i`. */
  role: string;
  /** The gate it is: cell, label (`input gate i_t`) and activation, as the composed node's tags have it. */
  gate: GateTag;
  /** Copies the part's values out of the op's saved buffers, e.g. [B, H]. */
  read(): Tensor;
}

/**
 * One recorded op of the dynamic tape: what it was, what it read, and how to send gradients back.
 * Also carries what the figures need: op name, output shape, module scope and time step.
 */
export class GradNode {
  /** PyTorch-style name, e.g. `MulBackward`. */
  readonly name: string;
  private fn: BackwardFn | null;

  constructor(
    /** The op that made the output, e.g. `mul`, `matmul`, `lstm_cell`. */
    readonly op: string,
    /** The op's tensor inputs, in order. */
    readonly inputs: readonly Tensor[],
    backward: BackwardFn,
    /** Output shape, for figures. */
    readonly outputShape: Shape,
    /** Module scope, time step and role in force when the op ran (see `retag`). */
    public tags: Readonly<ScopeTags> | undefined,
    /** Extra facts for figures (e.g. the gate a slice belongs to). */
    readonly meta?: Readonly<Record<string, string | number>>,
    /** Values computed inside a fused op that figures show as parts of it (see `NodePart`). */
    readonly parts: readonly NodePart[] = [],
  ) {
    this.name = backwardName(op);
    this.fn = backward;
  }

  /** False once a backward pass without `retainGraph` has freed the saved tensors. */
  get alive(): boolean {
    return this.fn !== null;
  }

  /** Runs the vector-Jacobian product. */
  apply(grad: Tensor): ReadonlyArray<Tensor | null> {
    if (this.fn === null) {
      throw new AutogradError(
        `backward: trying to backward through ${this.op} a second time, but its saved tensors were freed; ` +
          `call backward({ retainGraph: true }) the first time if you need to backward twice`,
      );
    }
    return this.fn(grad);
  }

  /**
   * Adds figure tags after the fact (module, step, role), as `nn.traceSteps` does for the outputs
   * of a user-written module; autograd never reads them.
   */
  retag(tags: ScopeTags): void {
    this.tags = Object.freeze({ ...this.tags, ...tags });
  }

  /** Called once by `release` (see `whenReleased`). */
  onRelease: (() => void) | null = null;

  /** Drops the closure and everything it saved. */
  release(): void {
    this.fn = null;
    const done = this.onRelease;
    this.onRelease = null;
    if (done !== null) done();
  }
}

const NAMES = new Map<string, string>();

/** `index_select` -> `IndexSelectBackward`, cached: nodes are made once per op call. */
function backwardName(op: string): string {
  let name = NAMES.get(op);
  if (name === undefined) {
    name = `${pascal(op)}Backward`;
    NAMES.set(op, name);
  }
  return name;
}

function pascal(op: string): string {
  return op
    .split(/[_\-\s]+/)
    .map((w) => (w.length > 0 ? w[0]?.toUpperCase() + w.slice(1) : w))
    .join("");
}
