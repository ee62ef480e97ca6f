export { softmax, logSoftmax } from "./softmax";
export { dropout } from "./dropout";
export * from "./losses";
