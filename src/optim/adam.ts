import { getBackend } from "../backend/backend";
import type { Tensor } from "../tensor/tensor";
import { ValueError } from "../errors";
import { checkKnownOptions, checkRange } from "./options";
import { Optimizer, ParamGroup, ParamGroupInput, ParamState } from "./optimizer";

/** Hyperparameters of `Adam` and `AdamW` (PyTorch's defaults). */
export type AdamOptions = {
  lr: number;
  betas: readonly [number, number];
  eps: number;
  weightDecay: number;
  amsgrad: boolean;
  maximize: boolean;
};

const ADAM_DEFAULTS: AdamOptions = { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, amsgrad: false, maximize: false };

/**
 * Adam (Kingma and Ba), exactly as PyTorch's `torch.optim.Adam`, bias correction included:
 *
 *   g_t = grad + lambda * theta_{t-1}
 *   m_t = beta1 * m_{t-1} + (1 - beta1) * g_t
 *   v_t = beta2 * v_{t-1} + (1 - beta2) * g_t^2        (amsgrad: vmax_t = max(vmax_{t-1}, v_t))
 *   theta_t = theta_{t-1} - lr / (1 - beta1^t) * m_t / (sqrt(v_t) / sqrt(1 - beta2^t) + eps)
 *
 * where lambda is `weightDecay` (an L2 penalty added to the gradient; see `AdamW` for the
 * decoupled form) and t counts this parameter's steps from 1.
 * Options: `lr` (1e-3), `betas` ([0.9, 0.999]), `eps` (1e-8), `weightDecay` (0), `amsgrad` (false),
 * `maximize` (false).
 *
 * @example const opt = new Adam(model.parameters(), { lr: 3e-3 });
 */
export class Adam extends Optimizer<AdamOptions> {
  /** True for AdamW: weight decay shrinks the weights directly instead of entering the gradient. */
  protected readonly decoupled: boolean = false;

  constructor(params: Iterable<Tensor> | Iterable<ParamGroupInput<AdamOptions>>, options: Partial<AdamOptions> = {}) {
    checkKnownOptions("Adam", options, Object.keys(ADAM_DEFAULTS));
    super("Adam", params, { ...ADAM_DEFAULTS, ...options });
  }

  protected validate(h: AdamOptions): void {
    checkRange("Adam", "lr", h.lr, 0);
    checkRange("Adam", "eps", h.eps, 0);
    checkRange("Adam", "weightDecay", h.weightDecay, 0);
    if (!Array.isArray(h.betas) || h.betas.length !== 2) {
      throw new ValueError(`Adam: betas must be a pair [beta1, beta2]; got ${JSON.stringify(h.betas)}`);
    }
    checkRange("Adam", "betas[0]", h.betas[0], 0, 1);
    checkRange("Adam", "betas[1]", h.betas[1], 0, 1);
  }

  protected update(param: Tensor, grad: Tensor, group: ParamGroup<AdamOptions>, state: ParamState): void {
    const { lr, eps, weightDecay, amsgrad, maximize } = group;
    const [beta1, beta2] = group.betas;
    const step = (typeof state.step === "number" ? state.step : 0) + 1;
    state.step = step;
    const m = this.buffer(state, "exp_avg", param).data;
    const v = this.buffer(state, "exp_avg_sq", param).data;
    const vmax = amsgrad ? this.buffer(state, "max_exp_avg_sq", param).data : null;
    const p = param.data;
    const g = grad.data;
    const n = p.length;
    const stepSize = lr / (1 - beta1 ** step);
    const bc2Sqrt = Math.sqrt(1 - beta2 ** step);
    if (vmax === null && weightDecay === 0 && !maximize) {
      // the common case, one kernel of the backend (WebAssembly SIMD on its own memory)
      getBackend().adamStep(p, g, m, v, beta1, beta2, stepSize, 1 / bc2Sqrt, eps);
      return;
    }
    const l2 = this.decoupled ? 0 : weightDecay;
    const shrink = this.decoupled ? 1 - lr * weightDecay : 1;
    const sign = maximize ? -1 : 1;
    for (let i = 0; i < n; i++) {
      // theta <- theta * (1 - lr * lambda) (AdamW only; shrink is 1 for Adam)
      const theta = shrink * (p[i] as number);
      const gi = sign * (g[i] as number) + l2 * theta;
      m[i] = beta1 * (m[i] as number) + (1 - beta1) * gi;
      v[i] = beta2 * (v[i] as number) + (1 - beta2) * gi * gi;
      let second = v[i] as number;
      if (vmax !== null) {
        if (second > (vmax[i] as number)) vmax[i] = second;
        second = vmax[i] as number;
      }
      const denom = Math.sqrt(second) / bc2Sqrt + eps;
      p[i] = theta - (stepSize * (m[i] as number)) / denom;
    }
  }
}

/** Hyperparameters of `AdamW`: Adam's, with `weightDecay` defaulting to 1e-2. */
export type AdamWOptions = AdamOptions;

/**
 * AdamW (Loshchilov and Hutter), exactly as PyTorch's `torch.optim.AdamW`: Adam whose weight
 * decay is decoupled from the gradient statistics,
 *
 *   theta <- theta * (1 - lr * lambda),   then the Adam step with g_t = grad,
 *
 * where lambda is `weightDecay` (default 1e-2). Other options as `Adam`.
 *
 * @example const opt = new AdamW(model.parameters(), { lr: 1e-3, weightDecay: 0.01 });
 */
export class AdamW extends Adam {
  protected override readonly decoupled: boolean = true;

  constructor(params: Iterable<Tensor> | Iterable<ParamGroupInput<AdamOptions>>, options: Partial<AdamOptions> = {}) {
    checkKnownOptions("AdamW", options, Object.keys(ADAM_DEFAULTS));
    super(params, { weightDecay: 1e-2, ...options });
  }
}
