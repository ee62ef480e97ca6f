/** A sentence-pair corpus (tab-separated, e.g. English-French from Tatoeba) for translation. */
import { checkKnownOptions, optionNames } from "../known-options";
import { hostFiles, readText } from "../runtime/host-files";
import { ValueError } from "../errors";
import { dataFile } from "./data-path";
import { IdPair, TokenPair, encodePairs } from "./seq2seq-batch";
import { SeedLike, SplitFractions, splitDataset } from "./split";
import { TokenLevel, TokenizeOptions, tokenizer } from "./tokenize";
import { Vocab, VocabOptions } from "./vocab";

/** Options of `loadSentencePairs`. */
export interface SentencePairOptions extends VocabOptions, SplitFractions {
  /** A vendored file name or a path (default `eng-fra-tatoeba.tsv`). */
  file?: string;
  /** Translate column 2 into column 1 instead of 1 into 2 (default false). */
  reverse?: boolean;
  /** Characters or words (default `word`). */
  level?: TokenLevel;
  /** Tokenizer options (default: lowercase, accents kept). */
  tokenize?: TokenizeOptions;
  /** Keep pairs whose sides have at most this many tokens (default: all). */
  maxLength?: number;
  /** Seed of the shuffle before splitting (default 0). */
  seed?: SeedLike;
}

/** One example: raw text, tokens and the line's attribution. */
export interface SentencePair extends TokenPair {
  srcText: string;
  tgtText: string;
  /** The third column (Tatoeba sentence ids and authors), kept as the license asks. */
  attribution: string;
}

/** A translation corpus: vocabularies from the training part, token and id pairs for each split. */
export interface PairCorpus<P extends TokenPair = SentencePair> {
  srcVocab: Vocab;
  tgtVocab: Vocab;
  train: P[];
  valid: P[];
  test: P[];
  /** The splits encoded with the vocabularies (ready for `seq2seqBatches`). */
  ids: { train: IdPair[]; valid: IdPair[]; test: IdPair[] };
  /** Tokenizes a source sentence the way the corpus was tokenized. */
  tokenizeSource(text: string): string[];
}

/**
 * Reads `english<TAB>french[<TAB>attribution]` lines into tokenized pairs, shuffled (seeded) and
 * split (default 80 / 10 / 10), with vocabularies built from the training pairs.
 *
 * @example const fr = loadSentencePairs({ maxLength: 8 }); fr.train[0].src // ["i", "am", "cold", "."]
 */
export function loadSentencePairs(options: SentencePairOptions = {}): PairCorpus<SentencePair> {
  checkKnownOptions("loadSentencePairs", options, optionNames<SentencePairOptions>({ file: true, reverse: true, level: true, tokenize: true, maxLength: true, seed: true, minFreq: true, maxSize: true, train: true, valid: true }));
  const path = dataFile("loadSentencePairs", options.file ?? "eng-fra-tatoeba.tsv");
  const tokenize = tokenizer(options.level ?? "word", options.tokenize ?? { lowercase: true });
  const pairs: SentencePair[] = [];
  const lines = readText(hostFiles("loadSentencePairs"), path).split(/\r?\n/);
  for (const [n, line] of lines.entries()) {
    if (line.trim() === "") continue;
    const [a, b, attribution = ""] = line.split("\t");
    if (a === undefined || b === undefined) {
      throw new ValueError(`loadSentencePairs: line ${n + 1} of ${path} needs two tab-separated columns; got ${JSON.stringify(line.slice(0, 60))}`);
    }
    const [srcText, tgtText] = options.reverse ? [b, a] : [a, b];
    const src = tokenize(srcText);
    const tgt = tokenize(tgtText);
    if (src.length === 0 || tgt.length === 0) continue;
    if (options.maxLength !== undefined && (src.length > options.maxLength || tgt.length > options.maxLength)) continue;
    pairs.push({ src, tgt, srcText, tgtText, attribution });
  }
  const { minFreq, maxSize, train, valid, seed } = options;
  return pairCorpus(pairs, { minFreq, maxSize, train, valid, seed }, tokenize);
}

/** Splits token pairs and builds both vocabularies from the training part. */
export function pairCorpus<P extends TokenPair>(
  pairs: readonly P[],
  options: VocabOptions & SplitFractions & { seed?: SeedLike } = {},
  tokenizeSource: (text: string) => string[] = (t) => Array.from(t),
): PairCorpus<P> {
  checkKnownOptions("pairCorpus", options, ["minFreq", "maxSize", "train", "valid", "seed"]);
  const { train, valid, test } = splitDataset(pairs, { train: options.train, valid: options.valid }, options.seed ?? 0);
  const vocabOptions = { minFreq: options.minFreq, maxSize: options.maxSize };
  const srcVocab = Vocab.build(train.map((p) => p.src), vocabOptions);
  const tgtVocab = Vocab.build(train.map((p) => p.tgt), vocabOptions);
  const encode = (part: readonly P[]): IdPair[] => encodePairs(part, srcVocab, tgtVocab);
  return {
    srcVocab,
    tgtVocab,
    train,
    valid,
    test,
    ids: { train: encode(train), valid: encode(valid), test: encode(test) },
    tokenizeSource,
  };
}
