/**
 * The common end of every attention: normalize scores into weights over the source positions and
 * take the weighted sum of the values (the Advanced AI lecture, CS 581):
 *
 *   w_{t,i} = exp(e_{t,i}) / sum_j exp(e_{t,j}),    c_t = sum_i w_{t,i} v_i
 *
 * where e [B, T, S] are the scores of T queries against S keys, v [B, S, Hv] the values and
 * c [B, T, Hv] the contexts. Padded source positions get e = -inf, hence exactly zero weight.
 */
import { ShapeError, ValueError } from "../../errors";
import { softmax } from "../../ops/fused/softmax";
import { maskedFill } from "../../ops/masked-fill";
import { matmul } from "../../ops/matmul";
import { squeeze, unsqueeze } from "../../ops/squeeze";
import { formatShape } from "../../tensor/shape";
import { checkKnownOptions } from "../../known-options";
import { Tensor } from "../../tensor/tensor";

/** What every attention module returns. */
export interface AttentionOutput {
  /** Context vectors c: [B, Hv] for a [B, H] query, [B, T, Hv] for [B, T, H] queries. */
  context: Tensor;
  /** Attention weights w: [B, S] or [B, T, S]; each row sums to 1, padded keys exactly 0. */
  weights: Tensor;
}

/** Options of every attention's `forward`. */
export interface AttentionOptions {
  /** Padding mask [B, S]: non-zero marks a padded key, which gets zero weight (PyTorch's key_padding_mask). */
  mask?: Tensor;
}

/**
 * The mask of an attention `forward`'s options, after checking them: an object with no key but
 * `mask`, which must be a Tensor (a misspelt `maks` used to apply no mask, silently).
 */
export function attentionMask(op: string, options: AttentionOptions, allowed: readonly string[] = ["mask"]): Tensor | undefined {
  if (typeof options !== "object" || options === null) {
    throw new ValueError(`${op}: options must be an object { ${allowed.join(", ")} }; got ${String(options)}`);
  }
  checkKnownOptions(op, options, allowed);
  const { mask } = options;
  if (mask !== undefined && !(mask instanceof Tensor)) {
    throw new ValueError(`${op}: mask must be a Tensor [B, S]; got ${typeof mask}`);
  }
  return mask;
}

/** Queries as [B, T, H] plus whether they came in as [B, H]. */
export interface Queries {
  q: Tensor;
  single: boolean;
}

/** Checks query [B, H] / [B, T, H], keys and values [B, S, *] and the mask; returns 3-D queries. */
export function checkAttentionInputs(op: string, query: Tensor, keys: Tensor, values: Tensor, mask: Tensor | undefined, queryDim?: number, keyDim?: number): Queries {
  if (query.ndim !== 2 && query.ndim !== 3) throw new ShapeError(`${op}: query must be [B, H] or [B, T, H]; got ${formatShape(query.shape)}`);
  if (keys.ndim !== 3 || values.ndim !== 3) {
    throw new ShapeError(`${op}: keys and values must be [B, S, H]; got keys ${formatShape(keys.shape)}, values ${formatShape(values.shape)}`);
  }
  const [b, s] = keys.shape;
  if (query.shape[0] !== b || values.shape[0] !== b || values.shape[1] !== s) {
    throw new ShapeError(`${op}: query, keys and values must share B and keys and values S; got query ${formatShape(query.shape)}, keys ${formatShape(keys.shape)}, values ${formatShape(values.shape)}`);
  }
  const h = query.shape[query.ndim - 1];
  if (queryDim !== undefined && h !== queryDim) throw new ShapeError(`${op}: query must have ${queryDim} features; expected [B, ${queryDim}] or [B, T, ${queryDim}], got ${formatShape(query.shape)}`);
  if (keyDim !== undefined && keys.shape[2] !== keyDim) throw new ShapeError(`${op}: keys must have ${keyDim} features; expected [${b}, ${s}, ${keyDim}], got ${formatShape(keys.shape)}`);
  if (mask !== undefined) {
    if (mask.ndim !== 2 || mask.shape[0] !== b || mask.shape[1] !== s) {
      throw new ShapeError(`${op}: mask must be [B, S] = [${b}, ${s}]; got ${formatShape(mask.shape)}`);
    }
    for (let r = 0; r < (b ?? 0); r++) {
      let open = false;
      for (let i = 0; i < (s ?? 0); i++) if (mask.data[r * (s ?? 0) + i] === 0) open = true;
      if (!open) throw new ValueError(`${op}: every row of mask must leave a key unmasked; expected a 0 in row ${r} of ${formatShape(mask.shape)}, got none`);
    }
  }
  return { q: query.ndim === 2 ? unsqueeze(query, 1) : query, single: query.ndim === 2 };
}

/** Masked softmax of scores [B, T, S] and the weighted sum of values [B, S, Hv]. */
export function attend(scores: Tensor, values: Tensor, mask: Tensor | undefined, single: boolean): AttentionOutput {
  const masked = mask === undefined ? scores : maskedFill(scores, unsqueeze(mask, 1), -Infinity);
  const weights = softmax(masked, -1);
  const context = matmul(weights, values);
  return single ? { context: squeeze(context, 1), weights: squeeze(weights, 1) } : { context, weights };
}

/**
 * The padding mask of a batch from its lengths: mask[b, i] = 1 where i >= lengths[b].
 *
 * @example paddingMask(batch.srcLengths, batch.src.shape[1]) // [B, S]
 */
export function paddingMask(lengths: readonly number[] | Tensor, width: number): Tensor {
  if (!Number.isInteger(width) || width < 1) throw new ValueError(`paddingMask: width must be a positive integer; got ${String(width)}`);
  const list = lengths instanceof Tensor ? Array.from(lengths.data) : lengths;
  if (lengths instanceof Tensor && lengths.ndim !== 1) {
    throw new ShapeError(`paddingMask: lengths must be a 1-D list [B]; got ${formatShape(lengths.shape)}`);
  }
  if (!Array.isArray(list) && !(lengths instanceof Tensor)) throw new ValueError(`paddingMask: lengths must be an array or a Tensor; got ${String(lengths)}`);
  list.forEach((n, b) => {
    if (!Number.isInteger(n) || n < 1 || n > width) {
      throw new ValueError(`paddingMask: lengths must be integers in [1, ${width}] (the width); got ${String(n)} at index ${b}`);
    }
  });
  const data = new Float32Array(list.length * width);
  list.forEach((n, b) => data.fill(1, b * width + n, (b + 1) * width));
  return new Tensor(data, [list.length, width]);
}
