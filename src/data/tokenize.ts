/**
 * Tokenizers: text to token lists and back. Character level keeps every code point (spaces and
 * newlines included); word level splits punctuation off words ("I'm cold." -> I'm, cold, .).
 */

import { checkKnownOptions, optionNames } from "../known-options";

/** Options of the tokenizers. */
export interface TokenizeOptions {
  /** Lowercase the text first (default false). */
  lowercase?: boolean;
  /** Remove accents: NFD decomposition, then drop combining marks ("été" -> "ete"; default false). */
  stripAccents?: boolean;
}

const TOKENIZE_OPTIONS = optionNames<TokenizeOptions>({ lowercase: true, stripAccents: true });

/** A function from text to tokens. */
export type Tokenizer = (text: string) => string[];

/** Token granularity of a corpus. */
export type TokenLevel = "char" | "word";

const WORD = /[\p{L}\p{N}]+(?:['\u2019][\p{L}\p{N}]+)*|[^\s\p{L}\p{N}]/gu;
const COMBINING = /\p{M}+/gu;
const NO_SPACE_BEFORE = /^[.,!?;:%)\]}\u00bb]$/u;
const NO_SPACE_AFTER = /^[(\[{\u00ab]$/u;

/** Applies the lowercase and accent options to `text` (and normalizes to NFC). */
export function normalizeText(text: string, options: TokenizeOptions = {}): string {
  checkKnownOptions("normalizeText", options, TOKENIZE_OPTIONS);
  let s = text.normalize("NFC");
  if (options.lowercase) s = s.toLowerCase();
  if (options.stripAccents) s = s.normalize("NFD").replace(COMBINING, "").normalize("NFC");
  return s;
}

/** Splits text into characters (Unicode code points). @example charTokenize("Hi!") // ["H", "i", "!"] */
export function charTokenize(text: string, options: TokenizeOptions = {}): string[] {
  checkKnownOptions("charTokenize", options, TOKENIZE_OPTIONS);
  return Array.from(normalizeText(text, options));
}

/**
 * Splits text into words and single punctuation marks; apostrophes inside a word stay
 * (`I'm`, `aujourd'hui`).
 *
 * @example wordTokenize("Je suis malade.") // ["Je", "suis", "malade", "."]
 */
export function wordTokenize(text: string, options: TokenizeOptions = {}): string[] {
  checkKnownOptions("wordTokenize", options, TOKENIZE_OPTIONS);
  return normalizeText(text, options).match(WORD) ?? [];
}

/** The tokenizer of a level with the given options. */
export function tokenizer(level: TokenLevel, options: TokenizeOptions = {}): Tokenizer {
  checkKnownOptions("tokenizer", options, TOKENIZE_OPTIONS);
  return level === "char" ? (t) => charTokenize(t, options) : (t) => wordTokenize(t, options);
}

/**
 * Joins tokens back into text: characters are concatenated; words get spaces, except before
 * closing punctuation and after opening brackets.
 */
export function detokenize(tokens: readonly string[], level: TokenLevel): string {
  if (level === "char") return tokens.join("");
  let out = "";
  let prev = "";
  for (const t of tokens) {
    const glue = out === "" || NO_SPACE_BEFORE.test(t) || NO_SPACE_AFTER.test(prev) ? "" : " ";
    out += glue + t;
    prev = t;
  }
  return out;
}
