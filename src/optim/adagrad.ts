import type { Tensor } from "../tensor/tensor";
import { checkKnownOptions, checkRange } from "./options";
import { Optimizer, ParamGroup, ParamGroupInput, ParamState } from "./optimizer";

/** Hyperparameters of `Adagrad` (PyTorch's defaults). */
export type AdagradOptions = {
  lr: number;
  lrDecay: number;
  weightDecay: number;
  initialAccumulatorValue: number;
  eps: number;
  maximize: boolean;
};

const DEFAULTS: AdagradOptions = { lr: 1e-2, lrDecay: 0, weightDecay: 0, initialAccumulatorValue: 0, eps: 1e-10, maximize: false };

/**
 * Adagrad (Duchi et al.), exactly as PyTorch's `torch.optim.Adagrad` (and the update of
 * min-char-rnn):
 *
 *   g_t = grad + lambda * theta_{t-1}
 *   s_t = s_{t-1} + g_t^2                      (s_0 = initialAccumulatorValue)
 *   theta_t = theta_{t-1} - lr / (1 + (t - 1) * lrDecay) * g_t / (sqrt(s_t) + eps)
 *
 * Options: `lr` (1e-2), `lrDecay` (0), `weightDecay` (0), `initialAccumulatorValue` (0),
 * `eps` (1e-10), `maximize` (false).
 *
 * @example const opt = new Adagrad(model.parameters(), { lr: 0.1 });
 */
export class Adagrad extends Optimizer<AdagradOptions> {
  constructor(params: Iterable<Tensor> | Iterable<ParamGroupInput<AdagradOptions>>, options: Partial<AdagradOptions> = {}) {
    checkKnownOptions("Adagrad", options, Object.keys(DEFAULTS));
    super("Adagrad", params, { ...DEFAULTS, ...options });
  }

  protected validate(h: AdagradOptions): void {
    checkRange("Adagrad", "lr", h.lr, 0);
    checkRange("Adagrad", "lrDecay", h.lrDecay, 0);
    checkRange("Adagrad", "weightDecay", h.weightDecay, 0);
    checkRange("Adagrad", "initialAccumulatorValue", h.initialAccumulatorValue, 0);
    checkRange("Adagrad", "eps", h.eps, 0);
  }

  protected update(param: Tensor, grad: Tensor, group: ParamGroup<AdagradOptions>, state: ParamState): void {
    const { lr, lrDecay, weightDecay, initialAccumulatorValue, eps, maximize } = group;
    const fresh = state.sum === undefined;
    const s = this.buffer(state, "sum", param).data;
    if (fresh) s.fill(initialAccumulatorValue);
    const step = (typeof state.step === "number" ? state.step : 0) + 1;
    state.step = step;
    const clr = lr / (1 + (step - 1) * lrDecay);
    const p = param.data;
    const g = grad.data;
    const n = p.length;
    const sign = maximize ? -1 : 1;
    for (let i = 0; i < n; i++) {
      const gi = sign * (g[i] as number) + weightDecay * (p[i] as number);
      s[i] = (s[i] as number) + gi * gi;
      p[i] = (p[i] as number) - (clr * gi) / (Math.sqrt(s[i] as number) + eps);
    }
  }
}
