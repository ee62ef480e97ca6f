/**
 * Beam search: keep the K most probable prefixes at each step,
 *
 *   score(y_1..t) = sum_{i<=t} log p(y_i | y_<i, x),
 *
 * expanding each by every token and keeping the best K expansions overall. An expansion ending in
 * `<eos>` leaves the beam as a finished hypothesis (the beam shrinks), so a beam of 1 is exactly
 * greedy decoding. Finished hypotheses are ranked by score / lp(|y|) with GNMT's length penalty
 * lp(n) = ((5 + n) / 6)^alpha (alpha = `lengthPenalty`, 0 = no normalization).
 */
import { checkKnownOptions, optionNames } from "../known-options";
import { noGrad } from "../autograd/grad-mode";
import { ValueError } from "../errors";
import { logSoftmax } from "../ops/fused/softmax";
import { Tensor } from "../tensor/tensor";
import { EOS_ID, SOS_ID } from "../data/vocab";
import { checkMaxLength } from "./greedy";
import { DecodingSession, Hypothesis, SourceDecodable, attentionRow } from "./session";
import { throwIfAborted } from "../runtime/abort";

/** Options of `beamSearch`. */
export interface BeamSearchOptions {
  /** Beam width K (default 5). */
  beamSize?: number;
  /** Longest output, `<eos>` included (default 50). */
  maxLength?: number;
  /** alpha of the length penalty ((5 + n) / 6)^alpha (default 0: rank by log-probability). */
  lengthPenalty?: number;
  /** Hypotheses returned per source (default beamSize). */
  numReturn?: number;
}

const BEAM_OPTIONS = optionNames<BeamSearchOptions>({ beamSize: true, maxLength: true, lengthPenalty: true, numReturn: true });

/**
 * Beam search for every row of a source batch: ranked hypotheses (best first) per row.
 *
 * @example const [ranked] = beamSearch(model, b.src, b.srcLengths, { beamSize: 5 }); ranked[0].tokens
 */
export function beamSearch<St>(model: SourceDecodable<St>, src: Tensor, srcLengths: Tensor | readonly number[], options: BeamSearchOptions = {}): Hypothesis[][] {
  checkKnownOptions("beamSearch", options, BEAM_OPTIONS);
  const session = model.decoding(src, srcLengths);
  const out: Hypothesis[][] = [];
  for (let r = 0; r < session.batchSize; r++) {
    throwIfAborted();
    out.push(noGrad(() => beamFromRow(session, r, options)));
  }
  return out;
}

interface Beam {
  tokens: number[];
  logProb: number;
  attention: number[][];
}

/** Beam search for row `row` of a started session. */
export function beamFromRow<St>(session: DecodingSession<St>, row: number, options: BeamSearchOptions = {}): Hypothesis[] {
  checkKnownOptions("beamFromRow", options, BEAM_OPTIONS);
  const k = options.beamSize ?? 5;
  if (!(Number.isInteger(k) && k >= 1)) throw new ValueError(`beamSearch: beamSize must be a positive integer; got ${k}`);
  const maxLength = checkMaxLength("beamSearch", options.maxLength);
  const alpha = options.lengthPenalty ?? 0;
  const srcLen = session.sourceLengths?.[row];
  const finished: Hypothesis[] = [];
  let beams: Beam[] = [{ tokens: [], logProb: 0, attention: [] }];
  let state = session.reorder(session.state, Int32Array.of(row));
  for (let t = 0; t < maxLength && beams.length > 0 && finished.length < k; t++) {
    const prev = Int32Array.from(beams, (b) => b.tokens[b.tokens.length - 1] ?? SOS_ID);
    const out = session.step(new Tensor(prev, [beams.length]), state);
    const logp = logSoftmax(out.logits, -1).data;
    const v = out.logits.shape[1] ?? 0;
    const picks = topExpansions(beams, logp, v, k - finished.length);
    const keep: number[] = [];
    const next: Beam[] = [];
    for (const { beam, token, logProb } of picks) {
      const b = beams[beam] as Beam;
      const att = out.weights === null ? b.attention : [...b.attention, attentionRow(out.weights, beam, srcLen)];
      const tokens = [...b.tokens, token];
      if (token === EOS_ID) finished.push(hypothesis(tokens, logProb, true, att, alpha));
      else {
        keep.push(beam);
        next.push({ tokens, logProb, attention: att });
      }
    }
    beams = next;
    if (beams.length > 0) state = session.reorder(out.state, Int32Array.from(keep));
  }
  for (const b of beams) finished.push(hypothesis(b.tokens, b.logProb, false, b.attention, alpha));
  finished.sort((a, b) => b.score - a.score);
  return finished.slice(0, options.numReturn ?? k);
}

/** The `count` best (beam, token) expansions by total log-probability; ties keep the lower beam, then token. */
function topExpansions(beams: readonly Beam[], logp: ArrayLike<number>, v: number, count: number): { beam: number; token: number; logProb: number }[] {
  const best: { beam: number; token: number; logProb: number }[] = [];
  for (let i = 0; i < beams.length; i++) {
    const base = (beams[i] as Beam).logProb;
    for (let tok = 0; tok < v; tok++) {
      const s = base + (logp[i * v + tok] as number);
      if (best.length === count && s <= (best[count - 1] as { logProb: number }).logProb) continue;
      let at = best.length;
      while (at > 0 && s > (best[at - 1] as { logProb: number }).logProb) at--;
      best.splice(at, 0, { beam: i, token: tok, logProb: s });
      if (best.length > count) best.pop();
    }
  }
  return best;
}

function hypothesis(tokens: number[], logProb: number, finished: boolean, attention: number[][], alpha: number): Hypothesis {
  const lp = alpha === 0 ? 1 : Math.pow((5 + tokens.length) / 6, alpha);
  return { tokens, logProb, score: logProb / lp, finished, attention };
}
