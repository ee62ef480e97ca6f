/** Greedy decoding: y_t = argmax_v p(v | y_<t, x), until `<eos>` or `maxLength`. */
import { checkKnownOptions } from "../known-options";
import { noGrad } from "../autograd/grad-mode";
import { ValueError } from "../errors";
import { logSoftmax } from "../ops/fused/softmax";
import { Tensor } from "../tensor/tensor";
import { EOS_ID, SOS_ID } from "../data/vocab";
import { DecodingSession, Hypothesis, SourceDecodable, attentionRow } from "./session";

/** Options of greedy decoding. */
export interface GreedyOptions {
  /** Longest output, `<eos>` included (default 50). */
  maxLength?: number;
}

/**
 * Decodes every row of a source batch greedily (one hypothesis per row), without grad.
 *
 * @example const [h] = greedyDecode(model, batch.src, batch.srcLengths); tgtVocab.decode(h.tokens)
 */
export function greedyDecode<St>(model: SourceDecodable<St>, src: Tensor, srcLengths: Tensor | readonly number[], options: GreedyOptions = {}): Hypothesis[] {
  checkKnownOptions("greedyDecode", options, ["maxLength"]);
  return noGrad(() => greedyFrom(model.decoding(src, srcLengths), options));
}

/** Greedy decoding of a started session. */
export function greedyFrom<St>(session: DecodingSession<St>, options: GreedyOptions = {}): Hypothesis[] {
  checkKnownOptions("greedyFrom", options, ["maxLength"]);
  const maxLength = checkMaxLength("greedyDecode", options.maxLength);
  const n = session.batchSize;
  const hyps: Hypothesis[] = Array.from({ length: n }, () => ({ tokens: [], logProb: 0, score: 0, finished: false, attention: [] }));
  let prev = new Tensor(new Int32Array(n).fill(SOS_ID), [n]);
  let state = session.state;
  for (let t = 0; t < maxLength && hyps.some((h) => !h.finished); t++) {
    const out = session.step(prev, state);
    state = out.state;
    const logp = logSoftmax(out.logits, -1);
    const v = logp.shape[1] ?? 0;
    const next = new Int32Array(n);
    for (let r = 0; r < n; r++) {
      const h = hyps[r] as Hypothesis;
      let best = 0;
      for (let k = 1; k < v; k++) if ((logp.data[r * v + k] as number) > (logp.data[r * v + best] as number)) best = k;
      next[r] = best;
      if (h.finished) continue;
      h.tokens.push(best);
      h.logProb += logp.data[r * v + best] as number;
      if (out.weights !== null) h.attention.push(attentionRow(out.weights, r, session.sourceLengths?.[r]));
      if (best === EOS_ID) h.finished = true;
    }
    prev = new Tensor(next, [n]);
  }
  for (const h of hyps) h.score = h.logProb;
  return hyps;
}

/** maxLength as a positive integer (default 50). */
export function checkMaxLength(op: string, maxLength: number | undefined): number {
  const m = maxLength ?? 50;
  if (!(Number.isInteger(m) && m >= 1)) throw new ValueError(`${op}: maxLength must be a positive integer; got ${m}`);
  return m;
}
