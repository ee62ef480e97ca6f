import { retire } from "../../autograd/retired";
import { cat, stack } from "../../ops/cat";
import { select } from "../../ops/narrow";
import { transpose } from "../../ops/permute";
import { reshape } from "../../ops/reshape";
import { unsqueeze } from "../../ops/squeeze";
import { ValueError } from "../../errors";
import type { DType } from "../../tensor/dtype";
import { Tensor } from "../../tensor/tensor";
import { applyDropout } from "../dropout";
import { Module } from "../module";
import { replaceParameter } from "../module-registry";
import { boolOption, checkSizeOptions, floatDTypeOption, positiveInt, probability } from "../options";
import type { Parameter } from "../parameter";
import { CELLS, CellKind, CellSpec } from "./cells";
import type { Direction, ParameterStem } from "./parameter-names";
import type { DirectionResult, DirectionWeights } from "./recurrence";
import { fusedOption, runDirection } from "./run-direction";
import { SequenceLayout, checkForwardOptions, checkLengths, checkSequence, checkState } from "./validate";
import { moduleAllocationError } from "../allocation-error";
import { registerGateWeights, requiredParameter, zeroState } from "./gate-weights";

/** Options shared by `RNN`, `LSTM` and `GRU` (PyTorch's names in camelCase). */
export interface RecurrentOptions {
  /** Features D of each input step. */
  inputSize: number;
  /** Features H of the hidden state. */
  hiddenSize: number;
  /** Stacked layers; layer k > 0 reads layer k-1's output (default 1). */
  numLayers?: number;
  /** Learn b_ih and b_hh (default true). */
  bias?: boolean;
  /** Input and output are [B, T, ...] instead of [T, B, ...] (default false; states stay [L*D, B, H]). */
  batchFirst?: boolean;
  /** Dropout probability on the outputs of every layer but the last, in training (default 0). */
  dropout?: number;
  /** Add a layer reading the sequence backwards; outputs concatenate [forward, backward] (default false). */
  bidirectional?: boolean;
  /** Fused kernels (default true where the cell has them); false builds every gate from primitive ops, for the graph figures. */
  fused?: boolean;
  /** Parameter dtype (default float32). */
  dtype?: DType;
}

/** Options of a forward call. */
export interface SequenceOptions {
  /** Valid length of each sequence (1..T): outputs past the end are zero, states stop at the end. */
  lengths?: readonly number[] | Int32Array | Tensor;
}

/** The result of a layer: `output` [T, B, D*H] (or [B, T, D*H]), `h` [numLayers*D, B, H]. */
export interface RecurrentResult {
  output: Tensor;
  h: Tensor;
}

/** The stems `param()` accepts. */
const PARAMETER_STEMS: readonly string[] = ["weight_ih", "weight_hh", "bias_ih", "bias_hh"];

export const RECURRENT_OPTION_NAMES = ["inputSize", "hiddenSize", "numLayers", "bias", "batchFirst", "dropout", "bidirectional", "fused", "dtype"];

/**
 * The shared base of `RNN`, `LSTM` and `GRU` (PyTorch's `RNNBase`): one name template makes the
 * parameters of every layer k and direction, `weight_ih_l{k}`, `weight_hh_l{k}`, `bias_ih_l{k}`,
 * `bias_hh_l{k}`, with suffix `_reverse` for the backward direction, registered in PyTorch's order.
 * Each is initialized from U(-1/sqrt(H), 1/sqrt(H)). Subclasses only choose the cell and validate.
 */
export class RNNBase extends Module {
  readonly inputSize: number;
  readonly hiddenSize: number;
  readonly numLayers: number;
  readonly bias: boolean;
  readonly batchFirst: boolean;
  readonly dropout: number;
  readonly bidirectional: boolean;
  /** Use the fused kernels (true) or the composed ops (false); both give the same numbers. */
  fused: boolean;
  /** W_ih of layer 0, [G*H, D] (G gates: 1 RNN, 4 LSTM i|f|g|o, 3 GRU r|z|n); `W_xh` on the slides. */
  declare weight_ih_l0: Parameter;
  /** W_hh of layer 0, [G*H, H]; the recurrent matrix `W` (`W_hh`) on the slides. */
  declare weight_hh_l0: Parameter;
  // The other parameters exist only for some options; their properties are typed by the options
  // of the constructor call (parameter-names.ts), and `param()` reaches them all.
  protected readonly kind: CellKind;
  /** The cell: gates, state, composed step and fused kernel (see cells/). */
  protected readonly spec: CellSpec;
  /** Name used in error messages, e.g. `LSTM`. */
  protected readonly label: string;

  constructor(label: string, kind: CellKind, options: RecurrentOptions, allowed: readonly string[]) {
    super();
    checkSizeOptions(label, options, allowed);
    this.label = label;
    this.kind = kind;
    this.spec = CELLS[kind];
    this.inputSize = positiveInt(label, "inputSize", options.inputSize);
    this.hiddenSize = positiveInt(label, "hiddenSize", options.hiddenSize);
    this.numLayers = positiveInt(label, "numLayers", options.numLayers ?? 1);
    this.bias = boolOption(label, "bias", options.bias, true);
    this.batchFirst = boolOption(label, "batchFirst", options.batchFirst, false);
    this.dropout = probability(label, "dropout", options.dropout, 0);
    this.bidirectional = boolOption(label, "bidirectional", options.bidirectional, false);
    this.fused = fusedOption(label, this.spec, options.fused);
    const dtype = floatDTypeOption(label, options.dtype);
    const H = this.hiddenSize;
    try {
      for (let layer = 0; layer < this.numLayers; layer++) {
        const inputSize = layer === 0 ? this.inputSize : H * this.directions;
        for (let dir = 0; dir < this.directions; dir++) {
          registerGateWeights(this, { suffix: suffix(layer, dir), rows: this.spec.blocks * H, inputSize, hiddenSize: H, bias: this.bias, dtype });
        }
      }
    } catch (e) {
      throw moduleAllocationError(label, [options], e);
    }
    this.exposeParameters();
  }

  /**
   * Makes every parameter readable as a property named as in PyTorch (`rnn.weight_hh_l0`,
   * `lstm.bias_ih_l1_reverse`). The getters read the registry, so `loadStateDict` stays in charge;
   * assigning a Parameter of the same shape and dtype replaces (and so may share) one, as in PyTorch.
   */
  private exposeParameters(): void {
    for (const name of this._parameters.keys()) {
      const set = (p: unknown): void => replaceParameter(this, `${this.label}.${name}`, name, this._parameters.get(name), p);
      Object.defineProperty(this, name, { get: () => this._parameters.get(name), set, enumerable: false, configurable: true });
    }
  }

  /** 2 when bidirectional, else 1. */
  get directions(): number {
    return this.bidirectional ? 2 : 1;
  }

  /**
   * One parameter by its name's parts, for layers whose options are known only at run time:
   * `lstm.param("weight_hh", 1, "reverse")` is `lstm.weight_hh_l1_reverse`.
   *
   *   h_t = f(W_ih x_t + b_ih + W_hh h_{t-1} + b_hh)   in layer `layer`, direction `direction`
   *
   * Stems: "weight_ih" = W_ih [G*H, D] (the slides' W_xh; D = inputSize for layer 0, else
   * directions*H), "weight_hh" = W_hh [G*H, H] (the recurrent W), "bias_ih", "bias_hh" = b_ih,
   * b_hh [G*H] (their sum is b_h); G gate blocks (RNN 1, LSTM 4 i|f|g|o, GRU 3 r|z|n, MGU 2).
   * Raises a ValueError naming the layer's options for a layer k >= numLayers, the reverse
   * direction of a one-directional layer, or a bias of a layer built with `bias: false`.
   *
   * @example init.orthogonal_(rnn.param("weight_hh", rnn.numLayers - 1))
   */
  param(stem: ParameterStem, layer = 0, direction: Direction = "forward"): Parameter {
    const owner = `${this.label}.param`;
    if (!PARAMETER_STEMS.includes(stem)) {
      throw new ValueError(`${owner}: stem must be one of ${PARAMETER_STEMS.join(", ")}; got ${JSON.stringify(stem)}`);
    }
    if (!Number.isInteger(layer) || layer < 0 || layer >= this.numLayers) {
      throw new ValueError(`${owner}: layer must be an integer in [0, ${this.numLayers}) (numLayers ${this.numLayers}); got ${String(layer)}`);
    }
    if (direction !== "forward" && direction !== "reverse") {
      throw new ValueError(`${owner}: direction must be "forward" or "reverse"; got ${JSON.stringify(direction)}`);
    }
    if (direction === "reverse" && !this.bidirectional) {
      throw new ValueError(`${owner}: direction "reverse" needs bidirectional: true; this ${this.label} has one direction`);
    }
    if (stem.startsWith("bias") && !this.bias) {
      throw new ValueError(`${owner}: ${stem} needs bias: true; this ${this.label} was built with bias: false`);
    }
    return this.registered(`${stem}${suffix(layer, direction === "reverse" ? 1 : 0)}`);
  }

  /** The parameters of layer `layer`, direction `dir` (0 forward, 1 reverse). */
  weightsOf(layer: number, dir: number): DirectionWeights {
    const sfx = suffix(layer, dir);
    return {
      wIh: this.registered(`weight_ih${sfx}`),
      wHh: this.registered(`weight_hh${sfx}`),
      bIh: this.bias ? this.registered(`bias_ih${sfx}`) : null,
      bHh: this.bias ? this.registered(`bias_hh${sfx}`) : null,
    };
  }

  /** The parameter dtype. */
  get dtype(): DType {
    return this.registered("weight_hh_l0").dtype;
  }

  /** Checks a forward call's input, initial states and options; returns the layout and lengths. */
  protected checkForward(x: Tensor, states: Array<[string, Tensor | undefined]>, options: SequenceOptions): [SequenceLayout, Int32Array | null] {
    const owner = `${this.label}.forward`;
    checkForwardOptions(owner, options);
    const seq = checkSequence(owner, x, this.inputSize, this.batchFirst, this.dtype);
    for (const [name, s] of states) {
      if (s !== undefined) checkState(owner, name, s, this.numLayers * this.directions, "numLayers*directions", seq, this.hiddenSize, this.dtype);
    }
    const lengths = options.lengths === undefined ? null : checkLengths(owner, options.lengths, seq);
    return [seq, lengths];
  }

  /**
   * Runs every layer and direction (inputs already checked). h0 and c0 are [L*D, B, H] or [L*D, H]
   * (unbatched), or undefined for zeros. Returns output in the caller's layout and the final states.
   */
  protected runLayers(x: Tensor, seq: SequenceLayout, lengths: Int32Array | null, h0?: Tensor, c0?: Tensor): { output: Tensor; h: Tensor; c: Tensor | null } {
    const { B } = seq;
    const H = this.hiddenSize;
    const cellState = this.spec.cellState;
    const xs = seq.batched ? (this.batchFirst ? transpose(x, 0, 1) : x) : unsqueeze(x, 1);
    const h0b = h0 !== undefined && !seq.batched ? unsqueeze(h0, 1) : h0;
    const c0b = c0 !== undefined && !seq.batched ? unsqueeze(c0, 1) : c0;
    const zeros: Tensor[] = [];
    const initial = (s: Tensor | undefined, idx: number): Tensor => {
      if (s !== undefined) return select(s, 0, idx);
      const z = zeroState(this.dtype, B, H);
      zeros.push(z);
      return z;
    };
    const hs: Tensor[] = [];
    const cs: Tensor[] = [];
    let input = xs;
    for (let layer = 0; layer < this.numLayers; layer++) {
      const outs: DirectionResult[] = [];
      for (let dir = 0; dir < this.directions; dir++) {
        const idx = layer * this.directions + dir;
        const scope = `${this.path}.l${layer}${dir === 1 ? "_reverse" : ""}`;
        const res = runDirection(`${this.label}.forward`, this.spec, this.fused, this.weightsOf(layer, dir), {
          x: input,
          h0: initial(h0b, idx),
          c0: cellState ? initial(c0b, idx) : null,
          reverse: dir === 1,
          lengths,
          scope,
          tagSteps: true,
        });
        outs.push(res);
        hs.push(res.h);
        if (res.c !== null) cs.push(res.c);
      }
      const first = outs[0];
      if (first === undefined) throw new ValueError(`${this.label}.forward: no direction ran; expected 1 or 2, got 0`);
      input = outs.length === 1 ? first.output : cat(outs.map((o) => o.output), 2);
      if (layer < this.numLayers - 1) input = applyDropout(`${this.label}.forward`, input, this.dropout, this.training);
    }
    // the fused path copied its zero states into its own buffers and never reads them again
    if (this.fused) for (const z of zeros) retire(z);
    let output = input;
    let h = stack(hs, 0);
    let c = cellState ? stack(cs, 0) : null;
    if (!seq.batched) {
      output = reshape(output, [seq.T, this.directions * H]);
      h = reshape(h, [hs.length, H]);
      if (c !== null) c = reshape(c, [cs.length, H]);
    } else if (this.batchFirst) output = transpose(output, 0, 1);
    return { output, h, c };
  }

  override extraRepr(): string {
    const parts = [`${this.inputSize}`, `${this.hiddenSize}`];
    if (this.numLayers !== 1) parts.push(`numLayers=${this.numLayers}`);
    if (this.spec.repr !== null) parts.push(this.spec.repr);
    if (!this.bias) parts.push("bias=false");
    if (this.batchFirst) parts.push("batchFirst=true");
    if (this.dropout !== 0) parts.push(`dropout=${this.dropout}`);
    if (this.bidirectional) parts.push("bidirectional=true");
    if (!this.fused) parts.push("fused=false");
    return parts.join(", ");
  }

  private registered(name: string): Parameter {
    return requiredParameter(this.label, this._parameters, name);
  }
}

/** `_l{layer}` plus `_reverse` for direction 1: PyTorch's parameter name suffix. */
export function suffix(layer: number, dir: number): string {
  return `_l${layer}${dir === 1 ? "_reverse" : ""}`;
}
