import { expand } from "../ops/expand";
import { indexSelect } from "../ops/index-select";
import { reshape } from "../ops/reshape";
import { broadcastShapes } from "../tensor/shape";
import type { Tensor } from "../tensor/tensor";

/**
 * The elements of x where `mask` is non-zero, as a 1-D tensor in row-major order (PyTorch's
 * `masked_select`); x and mask broadcast against each other. Gradients go back to the picked
 * elements (an expand and an indexSelect).
 *
 * @example maskedSelect(losses, targets.ne(PAD)) // the losses of real tokens only
 */
export function maskedSelect(x: Tensor, mask: Tensor): Tensor {
  const shape = broadcastShapes("maskedSelect", x.shape, mask.shape);
  const m = expand(mask, shape);
  const picked: number[] = [];
  for (let i = 0; i < m.numel; i++) if ((m.data[i] as number) !== 0) picked.push(i);
  return indexSelect(reshape(expand(x, shape), [-1]), 0, picked);
}
