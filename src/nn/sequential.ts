import type { Tensor } from "../tensor/tensor";
import { Module } from "./module";

/** A module mapping one tensor to one tensor, as `Sequential` chains them. */
export interface TensorToTensor extends Module {
  forward(x: Tensor): Tensor;
}

/**
 * Applies its modules in order: y = f_n(... f_2(f_1(x))). Children are named "0", "1", ... as
 * in PyTorch, so state-dict keys read `0.weight`, `2.bias`.
 *
 * @example const mlp = new nn.Sequential(new nn.Linear(4, 8), new nn.Dropout(0.1), new nn.Linear(8, 2));
 */
export class Sequential extends Module {
  private readonly _layers: TensorToTensor[];

  constructor(...layers: TensorToTensor[]) {
    super();
    this._layers = layers;
    layers.forEach((m, i) => this.registerModule(String(i), m));
  }

  /** Number of modules. */
  get length(): number {
    return this._layers.length;
  }

  /** The i-th module (negative counts from the end), or undefined. */
  at(i: number): TensorToTensor | undefined {
    return this._layers.at(i);
  }

  forward(x: Tensor): Tensor {
    let y = x;
    for (const m of this._layers) y = m.forward(y);
    return y;
  }
}
