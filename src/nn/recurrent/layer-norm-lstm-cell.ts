import { ValueError } from "../../errors";
import { add } from "../../ops/add";
import { matmul } from "../../ops/matmul";
import { mul } from "../../ops/mul";
import { reshape } from "../../ops/reshape";
import { sigmoid } from "../../ops/sigmoid";
import { tanh } from "../../ops/tanh";
import type { DType } from "../../tensor/dtype";
import { Tensor } from "../../tensor/tensor";
import { LayerNorm } from "../layer-norm";
import { Module } from "../module";
import { replaceParameter } from "../module-registry";
import { checkKnownOptions, floatDTypeOption, positiveInt } from "../options";
import type { Parameter } from "../parameter";
import type { GateSpec } from "./cells";
import { LSTM_SPEC } from "./cells/lstm";
import { block, gateScope, roleScope } from "./composed-step";
import { moduleAllocationError } from "../allocation-error";
import { registerGateWeights, requiredParameter, zeroState } from "./gate-weights";
import { checkStep } from "./validate";

/** The LSTM's four gates i|f|g|o with their roles and labels, as the plain cell tags them. */
const [INPUT, FORGET, CANDIDATE, OUTPUT] = LSTM_SPEC.gates as readonly [GateSpec, GateSpec, GateSpec, GateSpec]; // LSTM_SPEC packs exactly four

/** Options of `LayerNormLSTMCell`. */
export interface LayerNormLSTMCellOptions {
  /** Features D of the input. */
  inputSize: number;
  /** Features H of the hidden state. */
  hiddenSize: number;
  /** eps of the three layer norms (default 1e-5). */
  eps?: number;
  /** Parameter dtype (default float32). */
  dtype?: DType;
}

/**
 * One step of a layer-normalized LSTM (Ba, Kiros and Hinton 2016), the LSTM with each sum of
 * inputs normalized per example:
 *
 *   a_t = LN_ih(W_ih x_t) + LN_hh(W_hh h_{t-1})            [B, 4H], packed i|f|g|o
 *   i_t = s(a_i), f_t = s(a_f), g_t = tanh(a_g), o_t = s(a_o)
 *   c_t = f_t * c_{t-1} + i_t * g_t,   h_t = o_t * tanh(LN_c(c_t))
 *
 * Where:
 * - x_t [B, D] (or [D]); h_t, c_t [B, H] (or [H]), zeros when absent
 * - `weight_ih` [4H, D], `weight_hh` [4H, H] (PyTorch's LSTM names and packing, same init)
 * - `ln_ih`, `ln_hh` = nn.LayerNorm(4H), `ln_c` = nn.LayerNorm(H): gains (init 1) and biases
 *   (init 0); the two gate-norm biases play the part of the LSTM's b_ih + b_hh
 *
 * The statistics are per example and per step, so a batch of one and long sequences need
 * nothing more than the plain cell. Composed of primitive ops (every gate a tagged node of the
 * graph, differentiable to every order); there is no fused kernel. Notebook: 16-exploring-a-trained-model.
 *
 * @example const cell = new nn.LayerNormLSTMCell({ inputSize: 8, hiddenSize: 32 }); ({ h, c } = cell.forward(x_t, { h, c }));
 */
export class LayerNormLSTMCell extends Module {
  readonly inputSize: number;
  readonly hiddenSize: number;
  readonly ln_ih: LayerNorm;
  readonly ln_hh: LayerNorm;
  readonly ln_c: LayerNorm;

  constructor(options: LayerNormLSTMCellOptions) {
    super();
    const label = "LayerNormLSTMCell";
    checkKnownOptions(label, options, ["inputSize", "hiddenSize", "eps", "dtype"]);
    this.inputSize = positiveInt(label, "inputSize", options.inputSize);
    this.hiddenSize = positiveInt(label, "hiddenSize", options.hiddenSize);
    const eps = options.eps ?? 1e-5;
    if (typeof eps !== "number" || !(eps >= 0)) throw new ValueError(`${label}: eps must be a non-negative number; got ${String(eps)}`);
    const dtype = floatDTypeOption(label, options.dtype);
    const H = this.hiddenSize;
    try {
      // no biases: the layer norms' shifts take their place
      registerGateWeights(this, { suffix: "", rows: 4 * H, inputSize: this.inputSize, hiddenSize: H, bias: false, dtype });
    } catch (e) {
      throw moduleAllocationError(label, [options], e);
    }
    this.ln_ih = new LayerNorm(4 * H, { eps, dtype });
    this.ln_hh = new LayerNorm(4 * H, { eps, dtype });
    this.ln_c = new LayerNorm(H, { eps, dtype });
  }

  /** W_ih [4H, D]. */
  get weight_ih(): Parameter {
    return requiredParameter("LayerNormLSTMCell", this._parameters, "weight_ih");
  }

  /** Assigning a Parameter [4H, D] shares it (as in PyTorch). */
  set weight_ih(p: Parameter) {
    replaceParameter(this, "LayerNormLSTMCell.weight_ih", "weight_ih", this._parameters.get("weight_ih"), p);
  }

  /** W_hh [4H, H]. */
  get weight_hh(): Parameter {
    return requiredParameter("LayerNormLSTMCell", this._parameters, "weight_hh");
  }

  /** Assigning a Parameter [4H, H] shares it. */
  set weight_hh(p: Parameter) {
    replaceParameter(this, "LayerNormLSTMCell.weight_hh", "weight_hh", this._parameters.get("weight_hh"), p);
  }

  /** { h_t, c_t } from x_t [B, D] (or [D]) and { h_{t-1}, c_{t-1} } (zeros when absent). */
  forward(x: Tensor, state?: { h: Tensor; c: Tensor } | null): { h: Tensor; c: Tensor } {
    const owner = "LayerNormLSTMCell.forward";
    const D = this.inputSize;
    const H = this.hiddenSize;
    const dtype = this.weight_hh.dtype;
    const { batched, B } = checkStep(owner, x, [["h", state?.h], ["c", state?.c]], D, H, dtype);
    const lift = (s: Tensor | undefined): Tensor => (s === undefined ? zeroState(dtype, B, H) : reshape(s, [B, H]));
    const x2 = reshape(x, [B, D]);
    const hPrev = lift(state?.h);
    const cPrev = lift(state?.c);
    // the nodes carry the caller's scope (nn.traceSteps gives module and step) plus roles and gate tags
    const out = ((): { h: Tensor; c: Tensor } => {
      const gates = roleScope("gates", () => add(this.ln_ih.forward(matmul(x2, this.weight_ih.T)), this.ln_hh.forward(matmul(hPrev, this.weight_hh.T))));
      const i = gateScope(INPUT, () => sigmoid(block(gates, 0, H)));
      const f = gateScope(FORGET, () => sigmoid(block(gates, 1, H)));
      const g = gateScope(CANDIDATE, () => tanh(block(gates, 2, H)));
      const o = gateScope(OUTPUT, () => sigmoid(block(gates, 3, H)));
      const c = roleScope("c", () => add(mul(f, cPrev), mul(i, g)));
      const h = roleScope("h", () => mul(o, tanh(this.ln_c.forward(c))));
      return { h, c };
    })();
    return batched ? out : { h: reshape(out.h, [H]), c: reshape(out.c, [H]) };
  }

  override extraRepr(): string {
    return `${this.inputSize}, ${this.hiddenSize}, eps=${this.ln_c.eps}`;
  }
}
