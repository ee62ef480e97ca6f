/**
 * The `nn` namespace as users see it: the modules of `src/nn` and the models of `src/models`,
 * which live a layer above `nn` (they read `data` and `generate`) but keep their public names
 * (`nn.LSTM`, `nn.Seq2Seq`, `nn.RNNLM`).
 */
export * from "./nn";
export * from "./models";
