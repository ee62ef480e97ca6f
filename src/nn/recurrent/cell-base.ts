import { reshape } from "../../ops/reshape";
import { ShapeError, ValueError } from "../../errors";
import type { DType } from "../../tensor/dtype";
import { allocate } from "../../tensor/dtype";
import { formatShape } from "../../tensor/shape";
import { Tensor } from "../../tensor/tensor";
import { uniformParameter } from "../default-init";
import { Module } from "../module";
import { boolOption, checkSizeOptions, floatDTypeOption, positiveInt } from "../options";
import type { Parameter } from "../parameter";
import { CELLS, CellKind, CellSpec } from "./cells";
import { fusedOption, runDirection } from "./run-direction";
import { checkDType } from "./validate";
import { moduleAllocationError } from "../allocation-error";

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
    const G = this.spec.blocks * H;
    const bound = 1 / Math.sqrt(H);
    try {
      this.registerParameter("weight_ih", uniformParameter([G, this.inputSize], bound, dtype));
      this.registerParameter("weight_hh", uniformParameter([G, H], bound, dtype));
      this.registerParameter("bias_ih", this.bias ? uniformParameter([G], bound, dtype) : null);
      this.registerParameter("bias_hh", this.bias ? uniformParameter([G], bound, dtype) : null);
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

  /** One step from x [B, D] (or [D]) and the previous state (zeros when absent). */
  protected step(x: Tensor, h?: Tensor, c?: Tensor): { h: Tensor; c: Tensor | null } {
    const owner = `${this.label}.forward`;
    const D = this.inputSize;
    const H = this.hiddenSize;
    const dtype = this.weight_hh.dtype;
    if ((x.ndim !== 1 && x.ndim !== 2) || x.shape[x.ndim - 1] !== D) {
      throw new ShapeError(`${owner}: input must be [B, inputSize] or [inputSize]; expected [B, ${D}] or [${D}], got ${formatShape(x.shape)}`);
    }
    checkDType(owner, "input", x, dtype);
    const batched = x.ndim === 2;
    const B = batched ? (x.shape[0] ?? 0) : 1;
    const expected = batched ? [B, H] : [H];
    for (const [name, s] of [["hx", h], ["cx", c]] as const) {
      if (s === undefined) continue;
      if (s.ndim !== expected.length || expected.some((v, i) => s.shape[i] !== v)) {
        throw new ShapeError(`${owner}: ${name} must be ${formatShape(expected)} (${batched ? "B, H" : "H"}); got ${formatShape(s.shape)}`);
      }
      checkDType(owner, name, s, dtype);
    }
    const zeros = (): Tensor => new Tensor(allocate(dtype, B * H), [B, H]);
    const lift = (s: Tensor | undefined): Tensor => (s === undefined ? zeros() : batched ? s : reshape(s, [1, H]));
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
    const p = this._parameters.get(name);
    if (p === undefined || p === null) throw new ValueError(`${this.label}: parameter ${name} is missing; expected a tensor, got none`);
    return p;
  }
}
