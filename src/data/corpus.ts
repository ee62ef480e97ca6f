/** A text file as one stream of token ids (a language-model corpus, e.g. tiny Shakespeare). */
import { checkKnownOptions, optionNames } from "../known-options";
import { hostFiles, readText } from "../runtime/host-files";
import { dataFile } from "./data-path";
import { SplitFractions, splitStream } from "./split";
import { TokenLevel, TokenizeOptions, detokenize, tokenizer } from "./tokenize";
import { Vocab, VocabOptions } from "./vocab";

/** Options of `loadTextCorpus`. */
export interface TextCorpusOptions extends TokenizeOptions, VocabOptions, SplitFractions {
  /** A vendored file name or a path (default `tinyshakespeare.txt`). */
  file?: string;
  /** Characters or words (default `char`). */
  level?: TokenLevel;
  /** Use only the first `maxChars` characters of the file (default: all). */
  maxChars?: number;
}

const TEXT_CORPUS_OPTIONS = optionNames<TextCorpusOptions>({
  file: true,
  level: true,
  maxChars: true,
  lowercase: true,
  stripAccents: true,
  minFreq: true,
  maxSize: true,
  train: true,
  valid: true,
});

/** A tokenized corpus with its vocabulary and contiguous splits. */
export interface TextCorpus {
  /** The vocabulary, built from the training part. */
  vocab: Vocab;
  /** The token level. */
  level: TokenLevel;
  /** All token ids in order. */
  ids: Int32Array;
  /** The first `train` fraction of the stream. */
  train: Int32Array;
  /** The following `valid` fraction. */
  valid: Int32Array;
  /** The rest. */
  test: Int32Array;
  /** Turns ids back into text. */
  decode(ids: ArrayLike<number>): string;
  /** Turns text into ids (unknown tokens become `<unk>`). */
  encode(text: string): number[];
}

/**
 * Reads a text file and tokenizes it into one id stream, split into train / valid / test in order
 * (default 90 / 5 / 5).
 *
 * @example const shakespeare = loadTextCorpus({ level: "char" }); shakespeare.vocab.size // 69
 */
export function loadTextCorpus(options: TextCorpusOptions = {}): TextCorpus {
  checkKnownOptions("loadTextCorpus", options, TEXT_CORPUS_OPTIONS);
  const path = dataFile("loadTextCorpus", options.file ?? "tinyshakespeare.txt");
  let text = readText(hostFiles("loadTextCorpus"), path);
  if (options.maxChars !== undefined) text = text.slice(0, options.maxChars);
  const { level, lowercase, stripAccents, minFreq, maxSize, train, valid } = options;
  return textCorpus(text, { level, lowercase, stripAccents, minFreq, maxSize, train, valid });
}

/** Tokenizes a string into a corpus (what `loadTextCorpus` does after reading the file). */
export function textCorpus(text: string, options: Omit<TextCorpusOptions, "file" | "maxChars"> = {}): TextCorpus {
  checkKnownOptions("textCorpus", options, TEXT_CORPUS_OPTIONS.filter((k) => k !== "file" && k !== "maxChars"));
  const level = options.level ?? "char";
  const tokenize = tokenizer(level, { lowercase: options.lowercase, stripAccents: options.stripAccents });
  const tokens = tokenize(text);
  const fractions = { train: options.train ?? 0.9, valid: options.valid ?? 0.05 };
  const trainEnd = Math.round(tokens.length * fractions.train);
  const vocab = Vocab.build([tokens.slice(0, trainEnd)], { minFreq: options.minFreq, maxSize: options.maxSize });
  const ids = Int32Array.from(tokens, (t) => vocab.id(t));
  const { train, valid, test } = splitStream(ids, fractions);
  return {
    vocab,
    level,
    ids,
    train,
    valid,
    test,
    decode: (seq) => detokenize(vocab.decode(seq, { stopAtEos: false }), level),
    encode: (s) => vocab.encode(tokenize(s)),
  };
}
