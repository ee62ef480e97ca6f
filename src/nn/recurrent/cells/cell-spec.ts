import type { GateTag } from "../../../autograd/scope";
import type { FusedCellKernel } from "../../../ops/fused/cell-kernel";
import type { Tensor } from "../../../tensor/tensor";

/**
 * What a recurrent cell kind is, in one place. Layers (`RNNBase`), single-step cells
 * (`CellBase`), both recurrence paths and the figures read a cell only through its spec; the
 * registry (`CELLS` in cells/index.ts) is a `Record<CellKind, CellSpec>`, so a kind added to
 * `CellKind` without a spec does not compile.
 */

/** The recurrent cells: Elman RNN (tanh, ReLU), LSTM (i|f|g|o), GRU (r|z|n), MGU (f|n). */
export type CellKind = "rnn_tanh" | "rnn_relu" | "lstm" | "gru" | "mgu";

/**
 * One gate block of W_ih and W_hh, in packing order: the role tag of its nodes (`gate_f`) and
 * the gate tag they carry (cell, label `forget gate f_t`, activation), which figures read.
 */
export interface GateSpec {
  readonly role: string;
  readonly gate: GateTag;
}

/** One cell's weights for the composed path, with W^T made once per sequence. */
export interface ComposedWeights {
  /** W_ih^T [D, G*H]. */
  wIhT: Tensor;
  /** W_hh^T [H, G*H]. */
  wHhT: Tensor;
  bIh: Tensor | null;
  bHh: Tensor | null;
}

/** A recurrent state: h [B, H], and c [B, H] for a cell with a cell state. */
export interface CellState {
  h: Tensor;
  c: Tensor | null;
}

/** A recurrent cell kind. */
export interface CellSpec {
  readonly kind: CellKind;
  /** Name in messages and figure titles, e.g. `LSTM`. */
  readonly name: string;
  /** Gate blocks G packed in W_ih [G*H, D], W_hh [G*H, H] and the biases [G*H]. */
  readonly blocks: number;
  /** The blocks that are gates, in packing order, with their roles (empty for the Elman RNN). */
  readonly gates: readonly GateSpec[];
  /** Carries a cell state c besides h (the LSTM). */
  readonly cellState: boolean;
  /** What `extraRepr` adds to the sizes, e.g. `nonlinearity=relu`, or null. */
  readonly repr: string | null;
  /**
   * One step built from primitive ops, so every gate is a node of the graph, tagged with its
   * role and label (`gateScope`). The fused kernel computes exactly these equations.
   */
  step(x: Tensor, state: CellState, w: ComposedWeights): CellState;
  /** The fused kernel family that runs this cell, or null: then only the composed path runs it. */
  readonly fused: FusedCellKernel | null;
}
