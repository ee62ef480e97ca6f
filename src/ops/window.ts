import { ValueError } from "../errors";

/**
 * [height, width] of a sliding-window option (kernel size, stride, padding) of `conv2d` and
 * `maxPool2d`: one integer for both dims or a pair; `least` is the smallest allowed value.
 */
export function windowPair(op: string, name: string, v: number | readonly [number, number], least: number): [number, number] {
  const [a, b] = typeof v === "number" ? [v, v] : v;
  if (!Number.isInteger(a) || !Number.isInteger(b) || a < least || b < least) {
    throw new ValueError(`${op}: ${name} must be an integer >= ${least} or a pair of them; got ${JSON.stringify(v)}`);
  }
  return [a, b];
}
