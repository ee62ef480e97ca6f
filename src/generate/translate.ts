/**
 * Translating text end to end: tokenize, encode with the source vocabulary, decode (greedy or beam
 * search), and return the output tokens with the alignment matrix w[t, i] (attention of output
 * token t on source token i), ready for `viz.attention(result.weights, { source, target })`.
 */
import { checkKnownOptions, optionNames } from "../known-options";
import { ValueError } from "../errors";
import { Tensor } from "../tensor/tensor";
import { EOS, Vocab } from "../data/vocab";
import { TokenLevel, detokenize } from "../data/tokenize";
import { beamSearch } from "./beam-search";
import { greedyDecode } from "./greedy";
import { Hypothesis, SourceDecodable } from "./session";

/** Options of `translate`. */
export interface TranslateOptions {
  srcVocab: Vocab;
  tgtVocab: Vocab;
  /** The tokenizer the corpus used (e.g. `corpus.tokenizeSource`). */
  tokenize: (text: string) => string[];
  /** How to join output tokens (default "word"). */
  level?: TokenLevel;
  /** Beam width (default 1: greedy). */
  beamSize?: number;
  /** Longest output (default 50). */
  maxLength?: number;
  /** Length penalty alpha of beam search (default 0). */
  lengthPenalty?: number;
}

/** A translation and its alignment. */
export interface Translation {
  /** Output tokens (without `<eos>`). */
  tokens: string[];
  /** The tokens joined into text. */
  text: string;
  /** Source tokens with the `<eos>` the encoder read. */
  source: string[];
  /** Target tokens the rows of `weights` belong to (output tokens and `<eos>` when produced). */
  target: string[];
  /** Alignment [target, source] (rows sum to 1); empty for models without attention. */
  weights: Tensor;
  /** log p of the output and the ranking score. */
  logProb: number;
  score: number;
}

/**
 * Translates one sentence.
 *
 * @example const t = translate(model, "I am cold.", { srcVocab, tgtVocab, tokenize: fr.tokenizeSource }); t.text
 */
export function translate<St>(model: SourceDecodable<St>, text: string, options: TranslateOptions): Translation {
  checkKnownOptions("translate", options, optionNames<TranslateOptions>({ srcVocab: true, tgtVocab: true, tokenize: true, level: true, beamSize: true, maxLength: true, lengthPenalty: true }));
  const srcTokens = options.tokenize(text);
  if (srcTokens.length === 0) throw new ValueError(`translate: text must hold at least one token; got ${JSON.stringify(text)}`);
  const ids = options.srcVocab.encode(srcTokens, { eos: true });
  const src = new Tensor(Int32Array.from(ids), [1, ids.length]);
  const best: Hypothesis | undefined =
    (options.beamSize ?? 1) === 1
      ? greedyDecode(model, src, [ids.length], { maxLength: options.maxLength ?? 50 })[0]
      : beamSearch(model, src, [ids.length], { beamSize: options.beamSize, maxLength: options.maxLength ?? 50, lengthPenalty: options.lengthPenalty ?? 0 })[0]?.[0];
  if (best === undefined) throw new ValueError("translate: decoding produced no hypothesis; expected one, got none");
  const target = best.tokens.map((id) => options.tgtVocab.token(id));
  const tokens = target.filter((t) => t !== EOS);
  const rows = best.attention;
  const width = ids.length;
  const weights = new Tensor(Float32Array.from(rows.flat()), rows.length === 0 ? [0, width] : [rows.length, width]);
  return {
    tokens,
    text: detokenize(tokens, options.level ?? "word"),
    source: [...srcTokens.map((t) => (options.srcVocab.has(t) ? t : `${t} (<unk>)`)), EOS],
    target,
    weights,
    logProb: best.logProb,
    score: best.score,
  };
}
