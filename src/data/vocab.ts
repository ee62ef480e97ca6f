/**
 * Vocabulary: the map between tokens and the integer ids an embedding looks up.
 *
 * Four specials sit at fixed ids in every vocabulary, so models and batches agree on them:
 * `<pad>` = 0, `<sos>` = 1, `<eos>` = 2, `<unk>` = 3. Out-of-vocabulary tokens encode to `<unk>`.
 */
import { checkKnownOptions, optionNames } from "../known-options";
import { IndexError, ValueError } from "../errors";

/** Padding token (id 0): fills sequences up to the batch maximum; masked out of losses and attention. */
export const PAD = "<pad>";
/** Start-of-sequence token (id 1): the decoder's first input. */
export const SOS = "<sos>";
/** End-of-sequence token (id 2): appended to sources and targets; decoding stops on it. */
export const EOS = "<eos>";
/** Unknown token (id 3): every token the vocabulary does not hold. */
export const UNK = "<unk>";
/** The specials in id order. */
export const SPECIALS: readonly string[] = Object.freeze([PAD, SOS, EOS, UNK]);
export const PAD_ID = 0;
export const SOS_ID = 1;
export const EOS_ID = 2;
export const UNK_ID = 3;

/** Options of `Vocab.build`. */
export interface VocabOptions {
  /** Keep tokens seen at least this many times (default 1). */
  minFreq?: number;
  /** Keep at most this many entries, specials included (default: no limit). */
  maxSize?: number;
}

/** Options of `Vocab.decode`. */
export interface DecodeOptions {
  /** Drop `<pad>`, `<sos>` and `<eos>` (default true). */
  stripSpecials?: boolean;
  /** Stop at the first `<eos>` (default true). */
  stopAtEos?: boolean;
}

/**
 * A fixed list of tokens: id i is `tokens[i]`, ids 0-3 are the specials.
 *
 * @example const v = Vocab.build([["a", "b", "a"]]); v.encode(["a", "z"]) // [4, 3]
 */
export class Vocab {
  /** Tokens in id order (specials first). */
  readonly tokens: readonly string[];
  private readonly index: Map<string, number>;

  /** Makes a vocabulary from tokens in id order; the specials are put first if missing. */
  constructor(tokens: readonly string[]) {
    const all = SPECIALS.every((s, i) => tokens[i] === s) ? [...tokens] : [...SPECIALS, ...tokens.filter((t) => !SPECIALS.includes(t))];
    this.index = new Map();
    for (const [i, t] of all.entries()) {
      if (this.index.has(t)) throw new ValueError(`Vocab: tokens must be distinct; expected one "${t}", got it twice (ids ${this.index.get(t)} and ${i})`);
      this.index.set(t, i);
    }
    this.tokens = Object.freeze(all);
  }

  /**
   * Counts tokens and keeps the frequent ones: most frequent first, ties in code-point order
   * (so the result does not depend on the order of the corpus).
   */
  static build(sequences: Iterable<readonly string[]>, options: VocabOptions = {}): Vocab {
    checkKnownOptions("Vocab.build", options, optionNames<VocabOptions>({ minFreq: true, maxSize: true }));
    const minFreq = options.minFreq ?? 1;
    const maxSize = options.maxSize ?? Infinity;
    if (!Number.isInteger(minFreq) || minFreq < 1) throw new ValueError(`Vocab.build: minFreq must be an integer >= 1; got ${minFreq}`);
    if (maxSize < SPECIALS.length) throw new ValueError(`Vocab.build: maxSize must leave room for the ${SPECIALS.length} specials; expected >= ${SPECIALS.length}, got ${maxSize}`);
    const counts = new Map<string, number>();
    for (const seq of sequences) for (const t of seq) counts.set(t, (counts.get(t) ?? 0) + 1);
    const kept = [...counts.entries()]
      .filter(([t, c]) => c >= minFreq && !SPECIALS.includes(t))
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .slice(0, maxSize - SPECIALS.length)
      .map(([t]) => t);
    return new Vocab(kept);
  }

  /** Restores a vocabulary saved with `toJSON()`. */
  static fromJSON(json: { tokens: readonly string[] }): Vocab {
    return new Vocab(json.tokens);
  }

  /** Number of entries, specials included (V). */
  get size(): number {
    return this.tokens.length;
  }

  /** True when `token` has its own id. */
  has(token: string): boolean {
    return this.index.has(token);
  }

  /** The id of `token`, `<unk>`'s id when absent. */
  id(token: string): number {
    return this.index.get(token) ?? UNK_ID;
  }

  /** The token of `id`. */
  token(id: number): string {
    const t = this.tokens[id];
    if (t === undefined || !Number.isInteger(id)) {
      throw new IndexError(`Vocab.token: id out of range; expected an integer in [0, ${this.size - 1}], got ${id}`);
    }
    return t;
  }

  /** Ids of `tokens`, optionally with `<sos>` in front and `<eos>` at the end. */
  encode(tokens: readonly string[], options: { sos?: boolean; eos?: boolean } = {}): number[] {
    checkKnownOptions("Vocab.encode", options, ["sos", "eos"]);
    const ids = tokens.map((t) => this.id(t));
    if (options.sos) ids.unshift(SOS_ID);
    if (options.eos) ids.push(EOS_ID);
    return ids;
  }

  /** Tokens of `ids` (a list or an int32 array), by default up to the first `<eos>` and without specials. */
  decode(ids: ArrayLike<number>, options: DecodeOptions = {}): string[] {
    checkKnownOptions("Vocab.decode", options, optionNames<DecodeOptions>({ stripSpecials: true, stopAtEos: true }));
    const strip = options.stripSpecials ?? true;
    const stop = options.stopAtEos ?? true;
    const out: string[] = [];
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i] as number;
      if (id === EOS_ID && stop) break;
      if (strip && (id === PAD_ID || id === SOS_ID || id === EOS_ID)) continue;
      out.push(this.token(id));
    }
    return out;
  }

  /** A JSON-ready form for checkpoints. */
  toJSON(): { tokens: string[] } {
    return { tokens: [...this.tokens] };
  }

  /** `Vocab(size=V)` and the first tokens. */
  toString(): string {
    const shown = this.tokens.slice(0, 12).map((t) => JSON.stringify(t)).join(", ");
    return `Vocab(size=${this.size}: ${shown}${this.size > 12 ? ", ..." : ""})`;
  }
}
