/** Loss functions and metrics (exported from the package root as `loss`, and in `functional`). */
export { crossEntropy } from "./cross-entropy";
export type { CrossEntropyOptions } from "./cross-entropy";
export { nllLoss } from "./nll-loss";
export type { NLLLossOptions } from "./nll-loss";
export { mseLoss } from "./mse-loss";
export type { MSELossOptions } from "./mse-loss";
export { perplexity } from "./perplexity";
export type { Reduction } from "./loss-input";
