/** Decoding: greedy, beam search, sampling, and translation of text with alignments. */
export { greedyDecode, greedyFrom, checkMaxLength } from "./greedy";
export type { GreedyOptions } from "./greedy";
export { beamSearch, beamFromRow } from "./beam-search";
export type { BeamSearchOptions } from "./beam-search";
export { sampleToken, checkSampleOptions } from "./sample";
export type { SampleOptions } from "./sample";
export { attentionRow } from "./session";
export type { DecodingSession, SourceDecodable, StepOutput, Hypothesis } from "./session";
export { translate } from "./translate";
export type { TranslateOptions, Translation } from "./translate";
