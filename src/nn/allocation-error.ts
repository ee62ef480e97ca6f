import { OutOfMemoryError } from "../errors";
import { formatShape } from "../tensor/shape";
import { Tensor } from "../tensor/tensor";
import { formatBytes } from "../tensor/dtype";

/**
 * What a module constructor throws when one of its tensors does not fit in memory: the error
 * names the module, the arguments it was given and the size asked for, so a typo such as
 * `hiddenSize: 1e6` is found from the message alone:
 * `LSTM: out of memory building its parameters; LSTM({ inputSize: 1, hiddenSize: 1000000 }) asks for a float32 tensor [4000000, 1000000] of 4000000000000 elements, 16000000000000 bytes (14.6 TiB)`.
 * A model whose part runs out (`RNNLM` building its `Embedding`) names itself, its arguments and
 * the part. Any other error passes through unchanged.
 *
 * @example try { ... } catch (e) { throw moduleAllocationError("LSTM", [options], e); }
 */
export function moduleAllocationError(owner: string, args: readonly unknown[], e: unknown): unknown {
  if (!(e instanceof OutOfMemoryError)) return e;
  const call = `${owner}(${args.map(formatArg).join(", ")})`;
  if (e instanceof ModuleOutOfMemoryError) {
    // a model whose part ran out: name the model, its arguments, and the part that asked
    return new ModuleOutOfMemoryError(`${owner}: out of memory building its parts; ${call} builds ${e.part}, which asks for ${e.size}`, e, e.part, e.size);
  }
  const shape = e instanceof ParameterOutOfMemoryError ? ` ${formatShape(e.shape)}` : "";
  const size = `a ${e.dtype} tensor${shape} of ${e.elements} elements, ${formatBytes(e.bytes)}, more than this engine can allocate`;
  return new ModuleOutOfMemoryError(`${owner}: out of memory building its parameters; ${call} asks for ${size}`, e, call, size);
}

/** The allocation failure of one parameter, with the parameter's shape. */
export class ParameterOutOfMemoryError extends OutOfMemoryError {
  constructor(
    e: OutOfMemoryError,
    readonly shape: readonly number[],
  ) {
    super(e.message, e.elements, e.dtype, e.bytes);
  }
}

/** The error of a module constructor: `part` is the module call that asked, `size` what it asked for. */
class ModuleOutOfMemoryError extends OutOfMemoryError {
  constructor(
    message: string,
    e: OutOfMemoryError,
    readonly part: string,
    readonly size: string,
  ) {
    super(message, e.elements, e.dtype, e.bytes);
  }
}

function formatArg(v: unknown): string {
  if (v instanceof Tensor) return `tensor ${formatShape(v.shape)}`;
  if (typeof v === "string") return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.slice(0, 8).map(formatArg).join(", ")}${v.length > 8 ? ", ..." : ""}]`;
  if (typeof v === "object" && v !== null) {
    const proto: unknown = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) return `a ${v.constructor.name}`;
    const entries = Object.entries(v).filter(([, x]) => typeof x !== "function");
    return entries.length === 0 ? "{}" : `{ ${entries.map(([k, x]) => `${k}: ${formatArg(x)}`).join(", ")} }`;
  }
  return String(v);
}
