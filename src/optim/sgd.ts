import { ValueError } from "../errors";
import type { Tensor } from "../tensor/tensor";
import { checkKnownOptions, checkRange } from "./options";
import { Optimizer, ParamGroup, ParamGroupInput, ParamState } from "./optimizer";

/** Hyperparameters of `SGD` (PyTorch's defaults, `lr` excepted: default 1e-3 here). */
export type SGDOptions = {
  lr: number;
  momentum: number;
  dampening: number;
  weightDecay: number;
  nesterov: boolean;
  maximize: boolean;
};

const DEFAULTS: SGDOptions = { lr: 1e-3, momentum: 0, dampening: 0, weightDecay: 0, nesterov: false, maximize: false };

/**
 * Stochastic gradient descent with momentum, exactly as PyTorch's `torch.optim.SGD`:
 *
 *   g_t = grad + lambda * theta_{t-1}
 *   b_t = g_t                                  (first step)
 *   b_t = mu * b_{t-1} + (1 - tau) * g_t       (later steps)
 *   d_t = g_t + mu * b_t  (nesterov)   or   d_t = b_t
 *   theta_t = theta_{t-1} - lr * d_t
 *
 * where lambda is `weightDecay`, mu `momentum`, tau `dampening`; with `momentum = 0`, d_t = g_t.
 * Options: `lr` (1e-3), `momentum` (0), `dampening` (0), `weightDecay` (0), `nesterov` (false,
 * needs momentum > 0 and dampening 0), `maximize` (false: ascend instead).
 *
 * @example const opt = new SGD(model.parameters(), { lr: 0.1, momentum: 0.9 });
 */
export class SGD extends Optimizer<SGDOptions> {
  constructor(params: Iterable<Tensor> | Iterable<ParamGroupInput<SGDOptions>>, options: Partial<SGDOptions> = {}) {
    checkKnownOptions("SGD", options, Object.keys(DEFAULTS));
    super("SGD", params, { ...DEFAULTS, ...options });
  }

  protected validate(h: SGDOptions): void {
    checkRange("SGD", "lr", h.lr, 0);
    checkRange("SGD", "momentum", h.momentum, 0);
    checkRange("SGD", "dampening", h.dampening, 0);
    checkRange("SGD", "weightDecay", h.weightDecay, 0);
    if (h.nesterov && (h.momentum <= 0 || h.dampening !== 0)) {
      throw new ValueError(`SGD: nesterov needs momentum > 0 and dampening 0; got momentum ${h.momentum}, dampening ${h.dampening}`);
    }
  }

  protected update(param: Tensor, grad: Tensor, group: ParamGroup<SGDOptions>, state: ParamState): void {
    const { lr, momentum, dampening, weightDecay, nesterov, maximize } = group;
    const p = param.data;
    const g = grad.data;
    const n = p.length;
    const sign = maximize ? -1 : 1;
    if (momentum === 0) {
      for (let i = 0; i < n; i++) {
        const gi = sign * (g[i] as number) + weightDecay * (p[i] as number);
        p[i] = (p[i] as number) - lr * gi;
      }
      return;
    }
    const first = !(state.momentum_buffer !== undefined);
    const b = this.buffer(state, "momentum_buffer", param).data;
    const keep = 1 - dampening;
    for (let i = 0; i < n; i++) {
      const gi = sign * (g[i] as number) + weightDecay * (p[i] as number);
      const bi = first ? gi : momentum * (b[i] as number) + keep * gi;
      b[i] = bi;
      // float32 buffers round b; read it back so the step uses the stored value, as PyTorch does
      const stored = b[i] as number;
      const d = nesterov ? gi + momentum * stored : stored;
      p[i] = (p[i] as number) - lr * d;
    }
  }
}
