/**
 * Sampling the next token from scores z [V]:
 *
 *   p_v = exp(z_v / tau) / sum_u exp(z_u / tau)
 *
 * where tau is the temperature (tau -> 0 is greedy, tau = 1 the model's distribution, tau > 1
 * flatter), optionally restricted to the k most probable tokens (top-k) or to the smallest set
 * whose probability reaches p (nucleus, top-p), renormalized.
 */
import { ValueError } from "../errors";
import { checkKnownOptions } from "../known-options";
import { Generator } from "../tensor/random";

/** Options of `sampleToken`. */
export interface SampleOptions {
  /** tau > 0, or 0 for greedy (default 1). */
  temperature?: number;
  /** Keep only the k most probable tokens (default: all). */
  topK?: number;
  /** Keep the most probable tokens up to cumulative probability p in (0, 1] (default 1). */
  topP?: number;
}

/** The keys of `SampleOptions`. */
export const SAMPLE_OPTIONS = ["temperature", "topK", "topP"] as const;

/**
 * Checks sampling options once, before a generation loop: an object whose keys are the sampling
 * options plus `extra` (the caller's own), each in range.
 */
export function checkSampleOptions(op: string, o: SampleOptions, extra: readonly string[] = []): void {
  if (typeof o !== "object" || o === null) throw new ValueError(`${op}: options must be an object; got ${String(o)}`);
  checkKnownOptions(op, o, [...SAMPLE_OPTIONS, ...extra]);
  const t = o.temperature ?? 1;
  if (!(t >= 0 && Number.isFinite(t))) throw new ValueError(`${op}: temperature must be a finite number >= 0; got ${t}`);
  if (o.topK !== undefined && !(Number.isInteger(o.topK) && o.topK >= 1)) throw new ValueError(`${op}: topK must be a positive integer; got ${o.topK}`);
  if (o.topP !== undefined && !(o.topP > 0 && o.topP <= 1)) throw new ValueError(`${op}: topP must be in (0, 1]; got ${o.topP}`);
}

/**
 * Draws a token id from `logits` (one row of V scores) with `gen`.
 *
 * @example const id = sampleToken(row, { temperature: 0.8, topK: 20 }, new Generator(0));
 */
export function sampleToken(logits: ArrayLike<number>, options: SampleOptions, gen: Generator): number {
  checkKnownOptions("sampleToken", options, SAMPLE_OPTIONS);
  const v = logits.length;
  if (v === 0) throw new ValueError("sampleToken: logits must hold at least one score; got an empty list");
  for (let i = 0; i < v; i++) {
    if (Number.isNaN(logits[i])) throw new ValueError(`sampleToken: logits must not be NaN; got NaN at index ${i} of ${v}`);
  }
  const tau = options.temperature ?? 1;
  if (tau === 0) {
    let best = 0;
    for (let i = 1; i < v; i++) if ((logits[i] as number) > (logits[best] as number)) best = i;
    return best;
  }
  let max = -Infinity;
  for (let i = 0; i < v; i++) max = Math.max(max, logits[i] as number);
  const p = new Float64Array(v);
  let total = 0;
  for (let i = 0; i < v; i++) {
    p[i] = Math.exp(((logits[i] as number) - max) / tau);
    total += p[i] as number;
  }
  for (let i = 0; i < v; i++) p[i] = (p[i] as number) / total;
  const order = Array.from({ length: v }, (_, i) => i).sort((a, b) => (p[b] as number) - (p[a] as number) || a - b);
  let keep = Math.min(options.topK ?? v, v);
  if (options.topP !== undefined) {
    let cum = 0;
    for (let i = 0; i < keep; i++) {
      cum += p[order[i] as number] as number;
      if (cum >= options.topP) {
        keep = i + 1;
        break;
      }
    }
  }
  let mass = 0;
  for (let i = 0; i < keep; i++) mass += p[order[i] as number] as number;
  let u = gen.uniform() * mass;
  for (let i = 0; i < keep; i++) {
    const id = order[i] as number;
    u -= p[id] as number;
    if (u < 0) return id;
  }
  return order[keep - 1] as number;
}
