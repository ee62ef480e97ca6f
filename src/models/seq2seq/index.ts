/** Encoder-decoder models. */
export { Seq2Seq } from "./seq2seq";
export type { Seq2SeqOptions, Seq2SeqForwardOptions, Seq2SeqOutput, Seq2SeqDecodingState } from "./seq2seq";
export { Seq2SeqEncoder } from "./encoder";
export type { EncoderOptions, EncoderOutput } from "./encoder";
export { Seq2SeqDecoder } from "./decoder";
export type { AttentionType, DecoderOptions, DecoderOutput, DecoderState, Memory } from "./decoder";
export type { CellType, RecurrentState } from "./recurrent";
