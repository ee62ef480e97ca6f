import { ShapeError, ValueError } from "../../errors";
import { add } from "../../ops/add";
import { maskedFill } from "../../ops/masked-fill";
import { allocate } from "../../tensor/dtype";
import type { DType } from "../../tensor/dtype";
import { formatShape } from "../../tensor/shape";
import { Tensor } from "../../tensor/tensor";

/**
 * The causal (square subsequent) mask of PyTorch's `nn.Transformer.generate_square_subsequent_mask`:
 * a float [size, size] holding -Infinity where key j comes after query i (j > i) and 0 elsewhere,
 * so position i attends to positions <= i. Pass it as `attnMask`.
 *
 * @example mha.forward(x, x, x, { attnMask: nn.causalMask(T) })
 */
export function causalMask(size: number, dtype: DType = "float32"): Tensor {
  if (!Number.isInteger(size) || size < 1) throw new ValueError(`causalMask: size must be a positive integer; got ${size}`);
  const data = allocate(dtype, size * size);
  for (let i = 0; i < size; i++) for (let j = i + 1; j < size; j++) data[i * size + j] = -Infinity;
  return new Tensor(data, [size, size]);
}

/**
 * Applies a mask to attention scores [B, heads, L, S]: an int32 mask is boolean (non-zero: may
 * NOT attend; PyTorch's bool masks), a float mask is added (0 or -Infinity, or any bias).
 * `attnMask` is [L, S] or [B * heads, L, S]; `keyPaddingMask` is [B, S] (non-zero or -Infinity at padding).
 */
export function applyAttentionMasks(op: string, scores: Tensor, attnMask: Tensor | undefined, keyPaddingMask: Tensor | undefined): Tensor {
  const [B, heads, L, S] = scores.shape as [number, number, number, number];
  let out = scores;
  if (attnMask !== undefined) {
    const flat = attnMask.ndim === 2 && attnMask.shape[0] === L && attnMask.shape[1] === S;
    const per = attnMask.ndim === 3 && attnMask.shape[0] === B * heads && attnMask.shape[1] === L && attnMask.shape[2] === S;
    if (!flat && !per) {
      throw new ShapeError(`${op}: attnMask must be [L, S] = [${L}, ${S}] or [B * numHeads, L, S] = [${B * heads}, ${L}, ${S}]; got ${formatShape(attnMask.shape)}`);
    }
    out = mask(out, flat ? attnMask.reshape([1, 1, L, S]) : attnMask.reshape([B, heads, L, S]));
  }
  if (keyPaddingMask !== undefined) {
    if (keyPaddingMask.ndim !== 2 || keyPaddingMask.shape[0] !== B || keyPaddingMask.shape[1] !== S) {
      throw new ShapeError(`${op}: keyPaddingMask must be [B, S] = [${B}, ${S}]; got ${formatShape(keyPaddingMask.shape)}`);
    }
    out = mask(out, keyPaddingMask.reshape([B, 1, 1, S]));
  }
  return out;
}

function mask(scores: Tensor, m: Tensor): Tensor {
  return m.dtype === "int32" ? maskedFill(scores, m, -Infinity) : add(scores, m.to(scores.dtype));
}
