/** Linear algebra (PyTorch's `torch.linalg`): exported from the package root as `linalg`. */
export { eigh } from "../ops/eigh";
export type { Eigh } from "../ops/eigh";
export { svd, svdvals } from "./svd";
export type { SVD, SVDOptions } from "./svd";
