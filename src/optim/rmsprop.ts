import type { Tensor } from "../tensor/tensor";
import { checkKnownOptions, checkRange } from "./options";
import { Optimizer, ParamGroup, ParamGroupInput, ParamState } from "./optimizer";

/** Hyperparameters of `RMSprop` (PyTorch's defaults). */
export type RMSpropOptions = {
  lr: number;
  alpha: number;
  eps: number;
  weightDecay: number;
  momentum: number;
  centered: boolean;
  maximize: boolean;
};

const DEFAULTS: RMSpropOptions = { lr: 1e-2, alpha: 0.99, eps: 1e-8, weightDecay: 0, momentum: 0, centered: false, maximize: false };

/**
 * RMSprop (Hinton's lecture 6e), exactly as PyTorch's `torch.optim.RMSprop`:
 *
 *   g_t = grad + lambda * theta_{t-1}
 *   v_t = alpha * v_{t-1} + (1 - alpha) * g_t^2
 *   a_t = alpha * a_{t-1} + (1 - alpha) * g_t            (centered only)
 *   s_t = sqrt(v_t - a_t^2) + eps  (centered)   or   sqrt(v_t) + eps
 *   b_t = mu * b_{t-1} + g_t / s_t;  theta_t = theta_{t-1} - lr * b_t      (momentum mu > 0)
 *   theta_t = theta_{t-1} - lr * g_t / s_t                                 (mu = 0)
 *
 * Options: `lr` (1e-2), `alpha` (0.99), `eps` (1e-8), `weightDecay` (0), `momentum` (0),
 * `centered` (false), `maximize` (false).
 *
 * @example const opt = new RMSprop(model.parameters(), { lr: 1e-3, centered: true });
 */
export class RMSprop extends Optimizer<RMSpropOptions> {
  constructor(params: Iterable<Tensor> | Iterable<ParamGroupInput<RMSpropOptions>>, options: Partial<RMSpropOptions> = {}) {
    checkKnownOptions("RMSprop", options, Object.keys(DEFAULTS));
    super("RMSprop", params, { ...DEFAULTS, ...options });
  }

  protected validate(h: RMSpropOptions): void {
    checkRange("RMSprop", "lr", h.lr, 0);
    checkRange("RMSprop", "alpha", h.alpha, 0);
    checkRange("RMSprop", "eps", h.eps, 0);
    checkRange("RMSprop", "weightDecay", h.weightDecay, 0);
    checkRange("RMSprop", "momentum", h.momentum, 0);
  }

  protected update(param: Tensor, grad: Tensor, group: ParamGroup<RMSpropOptions>, state: ParamState): void {
    const { lr, alpha, eps, weightDecay, momentum, centered, maximize } = group;
    state.step = (typeof state.step === "number" ? state.step : 0) + 1;
    const v = this.buffer(state, "square_avg", param).data;
    const a = centered ? this.buffer(state, "grad_avg", param).data : null;
    const b = momentum > 0 ? this.buffer(state, "momentum_buffer", param).data : null;
    const p = param.data;
    const g = grad.data;
    const n = p.length;
    const sign = maximize ? -1 : 1;
    for (let i = 0; i < n; i++) {
      const gi = sign * (g[i] as number) + weightDecay * (p[i] as number);
      v[i] = alpha * (v[i] as number) + (1 - alpha) * gi * gi;
      let s: number;
      if (a !== null) {
        a[i] = alpha * (a[i] as number) + (1 - alpha) * gi;
        const ai = a[i] as number;
        s = Math.sqrt((v[i] as number) - ai * ai) + eps;
      } else {
        s = Math.sqrt(v[i] as number) + eps;
      }
      if (b !== null) {
        b[i] = momentum * (b[i] as number) + gi / s;
        p[i] = (p[i] as number) - lr * (b[i] as number);
      } else {
        p[i] = (p[i] as number) - (lr * gi) / s;
      }
    }
  }
}
