/** Attention: score functions over a shared masked softmax and weighted sum. */
export { attend, paddingMask } from "./attend";
export type { AttentionOutput, AttentionOptions } from "./attend";
export { DotAttention, ScaledDotProductAttention, GeneralAttention } from "./dot-attention";
export type { GeneralAttentionOptions } from "./dot-attention";
export { AdditiveAttention } from "./additive-attention";
export { MultiheadAttention } from "./multihead-attention";
export type { MultiheadAttentionOptions, MultiheadForwardOptions } from "./multihead-attention";
export { causalMask } from "./masks";
export type { AdditiveAttentionOptions, AdditiveForwardOptions } from "./additive-attention";
