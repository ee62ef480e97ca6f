/**
 * Models: whole networks built from `nn` modules that also read `data` (vocabularies, batches)
 * and `generate` (sampling): `Seq2Seq`, `RNNLM`, `TreeRNN`, `Vec2Seq`. This layer sits above
 * `nn`; users reach the models through the `nn` namespace (`nn.Seq2Seq`), see `nn-namespace.ts`.
 */
export * from "./seq2seq";
export * from "./rnnlm";
export * from "./tree-rnn";
export * from "./vec2seq";
