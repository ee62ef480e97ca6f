import { reshape } from "../../ops/reshape";
import type { DType } from "../../tensor/dtype";
import { Tensor } from "../../tensor/tensor";
import { Module } from "../module";
import { replaceParameter } from "../module-registry";
import { boolOption, checkSizeOptions, floatDTypeOption, positiveInt } from "../options";
import type { Parameter } from "../parameter";
import { CELLS, CellKind, CellSpec } from "./cells";
import { fusedOption, runDirection } from "./run-direction";
import { moduleAllocationError } from "../allocation-error";
import { registerGateWeights, requiredParameter, zeroState } from "./gate-weights";
import { checkStep } from "./validate";

/** Options shared by `RNNCell`, `LSTMCell` and `GRUCell`. */
export interface CellOptions {
  /** Features D of the input. */
  inputSize: number;
  /** Features H of the hidden state. */
  hiddenSize: number;
  /** Learn b_ih and b_hh (default true). */
  bias?: boolean;
  /** Fused kernel (default true where the cell has one) or composed ops (false); the same numbers either way. */
  fused?: boolean;
  /** Parameter dtype (default float32). */
  dtype?: DType;
}

export const CELL_OPTION_NAMES = ["inputSize", "hiddenSize", "bias", "fused", "dtype"];

/**
 * The shared base of the single-step cells: parameters `weight_ih` [G*H, D], `weight_hh` [G*H, H],
 * `bias_ih`, `bias_hh` [G*H] (PyTorch's names and gate packing), U(-1/sqrt(H), 1/sqrt(H)) init,
 * and one step on the same fused kernel or composed ops as the layers.
 */
export class CellBase extends Module {
  readonly inputSize: number;
  readonly hiddenSize: number;
  readonly bias: boolean;
  /** Use the fused kernel (true) or the composed ops (false). */
  fused: boolean;
  protected readonly kind: CellKind;
  /** The cell: gates, state, composed step and fused kernel (see cells/). */
  protected readonly spec: CellSpec;
  protected readonly label: string;

  constructor(label: string, kind: CellKind, options: CellOptions, allowed: readonly string[]) {
    super();
    checkSizeOptions(label, options, allowed);
    this.label = label;
    this.kind = kind;
    this.spec = CELLS[kind];
    this.inputSize = positiveInt(label, "inputSize", options.inputSize);
    this.hiddenSize = positiveInt(label, "hiddenSize", options.hiddenSize);
    this.bias = boolOption(label, "bias", options.bias, true);
    this.fused = fusedOption(label, this.spec, options.fused);
    const dtype = floatDTypeOption(label, options.dtype);
    const H = this.hiddenSize;
    try {
      registerGateWeights(this, { suffix: "", rows: this.spec.blocks * H, inputSize: this.inputSize, hiddenSize: H, bias: this.bias, dtype });
      // PyTorch's cells keep the names of absent biases (as None)
      if (!this.bias) this.registerParameter("bias_ih", null);
      if (!this.bias) this.registerParameter("bias_hh", null);
    } catch (e) {
      throw moduleAllocationError(label, [options], e);
    }
  }

  /** W_ih [G*H, D]. */
  get weight_ih(): Parameter {
    return this.param("weight_ih");
  }

  /** W_hh [G*H, H]. */
  get weight_hh(): Parameter {
    return this.param("weight_hh");
  }

  /** b_ih [G*H] or null. */
  get bias_ih(): Parameter | null {
    return this._parameters.get("bias_ih") ?? null;
  }

  /** b_hh [G*H] or null. */
  get bias_hh(): Parameter | null {
    return this._parameters.get("bias_hh") ?? null;
  }

  // Assigning a Parameter of the same shape and dtype shares it (as in PyTorch): `b.weight_hh = a.weight_hh` ties two cells.
  set weight_ih(p: Parameter) {
    replaceParameter(this, `${this.label}.weight_ih`, "weight_ih", this._parameters.get("weight_ih"), p);
  }

  set weight_hh(p: Parameter) {
    replaceParameter(this, `${this.label}.weight_hh`, "weight_hh", this._parameters.get("weight_hh"), p);
  }

  set bias_ih(p: Parameter | null) {
    replaceParameter(this, `${this.label}.bias_ih`, "bias_ih", this._parameters.get("bias_ih"), p);
  }

  set bias_hh(p: Parameter | null) {
    replaceParameter(this, `${this.label}.bias_hh`, "bias_hh", this._parameters.get("bias_hh"), p);
  }

  /** One step from x [B, D] (or [D]) and the previous state (zeros when absent). */
  protected step(x: Tensor, h?: Tensor, c?: Tensor): { h: Tensor; c: Tensor | null } {
    const owner = `${this.label}.forward`;
    const D = this.inputSize;
    const H = this.hiddenSize;
    const dtype = this.weight_hh.dtype;
    const { batched, B } = checkStep(owner, x, [["hx", h], ["cx", c]], D, H, dtype);
    const lift = (s: Tensor | undefined): Tensor => (s === undefined ? zeroState(dtype, B, H) : batched ? s : reshape(s, [1, H]));
    const res = runDirection(owner, this.spec, this.fused, { wIh: this.weight_ih, wHh: this.weight_hh, bIh: this.bias_ih, bHh: this.bias_hh }, {
      x: reshape(x, [1, B, D]),
      h0: lift(h),
      c0: this.spec.cellState ? lift(c) : null,
      reverse: false,
      lengths: null,
      scope: this.path,
      tagSteps: false,
    });
    const drop = (s: Tensor): Tensor => (batched ? s : reshape(s, [H]));
    return { h: drop(res.h), c: res.c === null ? null : drop(res.c) };
  }

  override extraRepr(): string {
    return `${this.inputSize}, ${this.hiddenSize}${this.bias ? "" : ", bias=false"}${this.spec.repr === null ? "" : `, ${this.spec.repr}`}`;
  }

  private param(name: string): Parameter {
    return requiredParameter(this.label, this._parameters, name);
  }
}
