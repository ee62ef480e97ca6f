/** Whether ops record the graph. Off inside `noGrad` and during the backward pass. */
let enabled = true;

/** True when new ops record their inputs for backward. */
export function isGradEnabled(): boolean {
  return enabled;
}

/**
 * Runs `fn` without recording the graph (PyTorch's `torch.no_grad()`): results do not require
 * grad and hold no reference to their inputs. Use it for evaluation and sampling.
 *
 * @example const logits = noGrad(() => model.forward(x));
 */
export function noGrad<T>(fn: () => T): T {
  const previous = enabled;
  enabled = false;
  try {
    return fn();
  } finally {
    enabled = previous;
  }
}

/** Runs `fn` with recording switched on or off explicitly. */
export function setGradEnabled<T>(on: boolean, fn: () => T): T {
  const previous = enabled;
  enabled = on;
  try {
    return fn();
  } finally {
    enabled = previous;
  }
}
