import type { DType, TypedArray } from "../tensor/dtype";
import { allocateOperand } from "../tensor/dtype";
import type { Shape } from "../tensor/shape";
import { Tensor } from "../tensor/tensor";
import { formatTensor } from "../tensor/print";

/**
 * A trainable tensor owned by a module: a leaf with `requiresGrad` on and a `name` that becomes its
 * dotted PyTorch name (`rnn.weight_ih_l0`) once the module tree is walked from its root.
 *
 * @example const w = new Parameter(new Float32Array(6), [2, 3]);
 */
export class Parameter extends Tensor {
  constructor(data: TypedArray, shape: Shape, requiresGrad = true, name?: string) {
    super(data, shape, requiresGrad);
    this.name = name;
  }

  /** A parameter holding a copy of `t`'s values (optionally converted to `dtype`). */
  static from(t: Tensor, dtype: DType = t.dtype, requiresGrad = true): Parameter {
    const data = allocateOperand(dtype, t.numel);
    data.set(t.data);
    return new Parameter(data, t.shape, requiresGrad, t.name);
  }

  override toString(): string {
    return `Parameter containing:\n${formatTensor(this)}`;
  }
}
