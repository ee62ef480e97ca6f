/** Loss functions and metrics (exported from the package root as `loss`, and in `functional`). */
export { crossEntropy } from "./cross-entropy";
export type { CrossEntropyOptions } from "./cross-entropy";
export { nllLoss } from "./nll-loss";
export type { NLLLossOptions } from "./nll-loss";
export { mseLoss } from "./mse-loss";
export { binaryCrossEntropy, binaryCrossEntropyWithLogits } from "./binary-cross-entropy";
export type { BCELossOptions, BCEWithLogitsOptions } from "./binary-cross-entropy";
export { klDiv } from "./kl-div";
export type { KLDivOptions } from "./kl-div";
export { cosineSimilarity } from "./cosine-similarity";
export type { MSELossOptions } from "./mse-loss";
export { perplexity } from "./perplexity";
export type { Reduction } from "./loss-input";
