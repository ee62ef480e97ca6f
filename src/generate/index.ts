/** Decoding: greedy, beam search, sampling, and translation of text with alignments. */
export { greedyDecode, greedyFrom } from "./greedy";
export type { GreedyOptions } from "./greedy";
export { beamSearch } from "./beam-search";
export type { BeamSearchOptions } from "./beam-search";
export { sampleToken } from "./sample";
export type { SampleOptions } from "./sample";
export type { DecodingSession, SourceDecodable, StepOutput, Hypothesis } from "./session";
export { translate } from "./translate";
export type { TranslateOptions, Translation } from "./translate";
