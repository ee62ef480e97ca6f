import { DTypeError } from "../errors";
import { formatShape } from "../tensor/shape";
import { Tensor } from "../tensor/tensor";

/**
 * The check at the front of every op that takes a tensor operand: anything else (a number, an
 * array, null) is a `DTypeError` naming the op, the argument and what it got, never a bare
 * `TypeError` from deep inside the kernel. `rule` says what the op needs when the name alone does
 * not (`matmul`: "both operands must be tensors").
 *
 * @example tensorArg("matmul", "b", b, "both operands must be tensors")
 */
export function tensorArg(op: string, name: string, value: unknown, rule?: string): asserts value is Tensor {
  if (value instanceof Tensor) return;
  const need = rule ?? `${name} must be a Tensor`;
  throw new DTypeError(`${op}: ${need}; got ${name} = ${describeValue(value)}${hintFor(value)}`);
}

/**
 * `tensorArg` for the two operands of a binary op, naming both in the error:
 * `matmul: both operands must be tensors (...); a is a float32 tensor [2, 3], b is the number 3`.
 */
export function tensorPair(op: string, rule: string, a: unknown, b: unknown): asserts a is Tensor {
  if (a instanceof Tensor && b instanceof Tensor) return;
  const culprit = a instanceof Tensor ? b : a;
  throw new DTypeError(`${op}: ${rule}; a is ${describeValue(a)}, b is ${describeValue(b)}${hintFor(culprit)}`);
}

/** Like `tensorArg` for an optional operand (a bias): `null` and `undefined` pass. */
export function optionalTensorArg(op: string, name: string, value: unknown): asserts value is Tensor | null | undefined {
  if (value !== null && value !== undefined) tensorArg(op, name, value);
}

/** Like `tensorArg` for a list of tensors (`cat`, `stack`): an array whose every element is a Tensor. */
export function tensorListArg(op: string, name: string, value: unknown): asserts value is readonly Tensor[] {
  if (!Array.isArray(value)) {
    throw new DTypeError(`${op}: ${name} must be an array of tensors; got ${describeValue(value)}`);
  }
  value.forEach((t: unknown, i) => tensorArg(op, `${name}[${i}]`, t));
}

/** How an argument reads in an error: a tensor by shape and dtype, anything else by its type and value. */
export function describeValue(value: unknown): string {
  if (value instanceof Tensor) return `a ${value.dtype} tensor ${formatShape(value.shape)}`;
  if (value === null || value === undefined) return String(value);
  if (typeof value === "number") return `the number ${value}`;
  if (typeof value === "string") return `the string ${JSON.stringify(value.length > 20 ? `${value.slice(0, 20)}...` : value)}`;
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  return `a ${typeof value === "object" ? (value.constructor?.name ?? "plain object") : typeof value}`;
}

function hintFor(value: unknown): string {
  if (typeof value === "number") return " (a number is not a tensor: use mul or add for scalars, or tensor(x) first)";
  if (Array.isArray(value) || ArrayBuffer.isView(value)) return " (make it a tensor first: tensor(values))";
  return "";
}
