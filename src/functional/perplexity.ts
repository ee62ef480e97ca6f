import { noGrad } from "../autograd/grad-mode";
import { ValueError } from "../errors";
import { Tensor } from "../tensor/tensor";
import { crossEntropy } from "./cross-entropy";
import { checkLossOptions } from "./loss-input";

/**
 * Perplexity, the exponential of the mean cross-entropy in nats per token:
 *
 *   PPL = exp( -(1/N) sum_i log p(t_i) )
 *
 * Given one argument, it is the mean loss (a number or a one-element tensor) and the result is
 * exp(loss). Given logits [..., V] and targets [...], it computes the mean cross-entropy first
 * (ignoring `ignoreIndex` targets), without recording a graph. A uniform model over V classes
 * has perplexity V.
 *
 * @example perplexity(loss)                   // after training, e.g. 4.2 for a char model
 * @example perplexity(logits, targets)        // directly from the model's output
 */
export function perplexity(lossOrLogits: Tensor | number, targets?: Tensor | readonly number[], options: { ignoreIndex?: number } = {}): number {
  checkLossOptions("perplexity", options, ["ignoreIndex"]);
  if (targets !== undefined) {
    if (!(lossOrLogits instanceof Tensor)) {
      throw new ValueError(`perplexity: with targets, the first argument must be a logits tensor [..., V]; got ${typeof lossOrLogits}`);
    }
    const logits = lossOrLogits;
    const loss = noGrad(() => crossEntropy(logits, targets, { ignoreIndex: options.ignoreIndex ?? -100 }));
    return Math.exp(loss.item());
  }
  const value = lossOrLogits instanceof Tensor ? lossOrLogits.item() : lossOrLogits;
  if (typeof value !== "number") throw new ValueError(`perplexity: expected a mean loss (number or one-element tensor); got ${typeof value}`);
  return Math.exp(value);
}
