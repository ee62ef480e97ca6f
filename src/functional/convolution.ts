/**
 * Convolution and pooling in functional form, as PyTorch's `F.conv2d` and `F.max_pool2d`: the ops
 * themselves (with their gradients), for models that hold their own weights.
 *
 * @example functional.maxPool2d(functional.conv2d(x, w, b, { padding: 1 }).relu(), 2)
 */
export { conv2d } from "../ops/conv2d";
export type { Conv2dOptions } from "../ops/conv2d";
export { maxPool2d } from "../ops/max-pool2d";
export type { MaxPool2dOptions } from "../ops/max-pool2d";
