/** Sequence metrics: token accuracy, exact match and corpus BLEU-4. */
import { checkKnownOptions } from "../known-options";
import { ShapeError, ValueError } from "../errors";
import { formatShape } from "../tensor/shape";
import { Tensor } from "../tensor/tensor";
import { PAD_ID } from "../data/vocab";

/**
 * Fraction of non-padding target positions whose prediction is right:
 *
 *   acc = sum_i [y_hat_i = y_i][y_i != pad] / sum_i [y_i != pad]
 *
 * where `predictions` holds either ids (same shape as `targets`) or scores [..., V] (argmax taken).
 *
 * @example tokenAccuracy(logits, batch.tgtOut) // logits [B, T, V], targets [B, T]
 */
export function tokenAccuracy(predictions: Tensor, targets: Tensor, options: { ignoreIndex?: number } = {}): number {
  checkKnownOptions("tokenAccuracy", options, ["ignoreIndex"]);
  const ignore = options.ignoreIndex ?? PAD_ID;
  const ids = predictedIds("tokenAccuracy", predictions, targets);
  let right = 0;
  let total = 0;
  for (let i = 0; i < targets.numel; i++) {
    const y = targets.data[i] as number;
    if (y === ignore) continue;
    total++;
    if (ids[i] === y) right++;
  }
  return total === 0 ? 0 : right / total;
}

/** Argmax ids of scores [..., V] matching targets [...], or the ids themselves. */
function predictedIds(op: string, predictions: Tensor, targets: Tensor): ArrayLike<number> {
  if (predictions.numel === targets.numel && predictions.ndim === targets.ndim) return predictions.data;
  const v = predictions.shape[predictions.ndim - 1] ?? 0;
  const lead = predictions.shape.slice(0, -1);
  if (lead.length !== targets.ndim || lead.some((s, i) => s !== targets.shape[i])) {
    throw new ShapeError(`${op}: predictions must be ids shaped like targets or scores [..., V] over them; targets are ${formatShape(targets.shape)}, got ${formatShape(predictions.shape)}`);
  }
  const out = new Int32Array(targets.numel);
  const d = predictions.data;
  for (let i = 0; i < out.length; i++) {
    let best = 0;
    let bestValue = -Infinity;
    for (let k = 0; k < v; k++) {
      const s = d[i * v + k] as number;
      if (s > bestValue) {
        bestValue = s;
        best = k;
      }
    }
    out[i] = best;
  }
  return out;
}

/**
 * Fraction of hypotheses equal to their reference, token for token.
 *
 * @example exactMatch([["2020", "-"]], [["2020", "-"]]) // 1
 */
export function exactMatch<T>(hypotheses: readonly (readonly T[])[], references: readonly (readonly T[])[]): number {
  sameCount("exactMatch", hypotheses, references);
  if (hypotheses.length === 0) return 0;
  let hits = 0;
  hypotheses.forEach((h, i) => {
    const r = references[i] ?? [];
    if (h.length === r.length && h.every((t, k) => t === r[k])) hits++;
  });
  return hits / hypotheses.length;
}

/**
 * Corpus BLEU (Papineni et al., 2002) with up to 4-grams, uniform weights and no smoothing:
 *
 *   BLEU = BP * exp( (1/N) sum_{n=1..N} log p_n ),   BP = min(1, exp(1 - r / c))
 *
 * where p_n is the clipped n-gram precision summed over the whole corpus (each hypothesis n-gram
 * counts at most as often as in its most generous reference), c the total hypothesis length and r
 * the total length of the references closest in length to each hypothesis. 0 when some p_n is 0.
 * Each hypothesis may have one reference (a token list) or several (a list of token lists).
 *
 * @example corpusBleu([["the", "cat", "sat", "on", "the", "mat"]], [["the", "cat", "sat", "on", "the", "mat"]]) // 1
 */
export function corpusBleu(
  hypotheses: readonly (readonly string[])[],
  references: readonly (readonly string[] | readonly (readonly string[])[])[],
  maxN = 4,
): number {
  sameCount("corpusBleu", hypotheses, references);
  if (!(Number.isInteger(maxN) && maxN >= 1)) throw new ValueError(`corpusBleu: maxN must be a positive integer; got ${maxN}`);
  const matched = new Array<number>(maxN).fill(0);
  const possible = new Array<number>(maxN).fill(0);
  let c = 0;
  let r = 0;
  hypotheses.forEach((hyp, i) => {
    const refs = asReferenceList(references[i] ?? []);
    c += hyp.length;
    r += closestLength(hyp.length, refs);
    for (let n = 1; n <= maxN; n++) {
      const counts = ngrams(hyp, n);
      const maxRef = new Map<string, number>();
      for (const ref of refs) for (const [g, k] of ngrams(ref, n)) maxRef.set(g, Math.max(maxRef.get(g) ?? 0, k));
      for (const [g, k] of counts) matched[n - 1] = (matched[n - 1] ?? 0) + Math.min(k, maxRef.get(g) ?? 0);
      possible[n - 1] = (possible[n - 1] ?? 0) + Math.max(0, hyp.length - n + 1);
    }
  });
  if (c === 0) return 0;
  let logSum = 0;
  for (let n = 0; n < maxN; n++) {
    const m = matched[n] ?? 0;
    if (m === 0) return 0;
    logSum += Math.log(m / (possible[n] ?? 1));
  }
  const bp = c > r ? 1 : Math.exp(1 - r / c);
  return bp * Math.exp(logSum / maxN);
}

function asReferenceList(ref: readonly string[] | readonly (readonly string[])[]): (readonly string[])[] {
  return ref.length > 0 && Array.isArray(ref[0]) ? (ref as readonly (readonly string[])[]).map((x) => x) : [ref as readonly string[]];
}

function closestLength(c: number, refs: readonly (readonly string[])[]): number {
  let best = refs[0]?.length ?? 0;
  for (const ref of refs) {
    const d = Math.abs(ref.length - c);
    if (d < Math.abs(best - c) || (d === Math.abs(best - c) && ref.length < best)) best = ref.length;
  }
  return best;
}

function ngrams(tokens: readonly string[], n: number): Map<string, number> {
  const out = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const g = tokens.slice(i, i + n).join("\u0000");
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
}

function sameCount(op: string, a: readonly unknown[], b: readonly unknown[]): void {
  if (a.length !== b.length) {
    throw new ShapeError(`${op}: hypotheses and references must pair up; expected ${a.length} references, got ${b.length}`);
  }
}
