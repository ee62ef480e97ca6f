/** Small building blocks of the encoder-decoder models. */
import { tanh } from "../../ops/tanh";
import { Tensor } from "../../tensor/tensor";
import { Linear } from "../../nn/linear";

/** tanh(W x + b): the bridge between encoder and decoder states, and Luong's attentional layer. */
export function linearTanh(layer: Linear, x: Tensor): Tensor {
  return tanh(layer.forward(x));
}
