import { DTypeError, ValueError } from "../errors";
import { isFloating } from "../tensor/dtype";
import type { DType } from "../tensor/dtype";
import type { Tensor } from "../tensor/tensor";
import type { Module } from "./module";
import { Parameter } from "./parameter";

/** Checks a name and a value given to `registerParameter`, `registerModule` or `registerBuffer`. */
export function checkRegistration(module: Module, method: string, name: unknown, value: unknown, kind: abstract new (...args: never[]) => unknown): void {
  if (typeof name !== "string" || name === "" || name.includes(".")) {
    throw new ValueError(`${module.typeName}.${method}: name must be a non-empty string without dots; got ${JSON.stringify(name)}`);
  }
  if (value !== null && !(value instanceof kind)) {
    throw new ValueError(`${module.typeName}.${method}: ${name} must be a ${kind.name} or null; got ${describe(value)}`);
  }
  if (method === "registerBuffer" && value instanceof Parameter) {
    throw new ValueError(`${module.typeName}.registerBuffer: ${name} is a Parameter; register it with registerParameter (a buffer is not trained)`);
  }
}

function describe(value: unknown): string {
  if (value === undefined) return "undefined";
  const ctor = (value as { constructor?: { name?: string } }).constructor?.name;
  return ctor ?? typeof value;
}

/**
 * `t` as `dtype` (parameters stay parameters, int32 buffers stay int32), converted once per tensor
 * of the tree: the map keeps a tensor shared by two modules shared.
 */
export function convertTensor(t: Tensor, dtype: DType, converted: Map<Tensor, Tensor>): Tensor {
  const done = converted.get(t);
  if (done !== undefined) return done;
  let out = t;
  if (t.dtype !== dtype && isFloating(t.dtype)) {
    out = t instanceof Parameter ? Parameter.from(t, dtype, t.requiresGrad) : t.detach().to(dtype);
  }
  converted.set(t, out);
  return out;
}

/**
 * Puts `p` in place of the parameter `name` of `module` (what assigning `layer.weight = p` does):
 * it must be a Parameter of `shape` (or null where the parameter is optional). The parameter is
 * not copied, so assigning another layer's parameter ties the two layers.
 */
export function assignParameter(module: Module, label: string, name: string, p: unknown, shape: readonly number[], optional = false, dtype?: DType): void {
  if (p === null && optional) {
    module.registerParameter(name, null);
    return;
  }
  if (!(p instanceof Parameter)) {
    throw new ValueError(`${label}: only a Parameter can be assigned (it is trained and shared as is); got ${describe(p)}`);
  }
  if (p.shape.length !== shape.length || p.shape.some((s, i) => s !== shape[i])) {
    throw new ValueError(`${label}: the assigned parameter must have the layer's shape; expected [${shape.join(", ")}], got [${p.shape.join(", ")}]`);
  }
  if (dtype !== undefined && p.dtype !== dtype) {
    throw new DTypeError(`${label}: the assigned parameter must have the layer's dtype; expected ${dtype}, got ${p.dtype} for [${p.shape.join(", ")}]`);
  }
  module.registerParameter(name, p);
}

/**
 * Puts `p` in place of the registered parameter `name` whose current value is `current` (what
 * `cell.weight_hh = p` or `lstm.weight_hh_l0 = p` does, as assignment does in PyTorch): `p` must be
 * a Parameter of the replaced one's shape and dtype; null removes it only where `nullable` (the
 * layer reads an absent parameter as "none", e.g. a bias). A parameter the layer was built without
 * cannot be added this way, since its options decide what the forward pass reads.
 */
export function replaceParameter(module: Module, label: string, name: string, current: Parameter | null | undefined, p: unknown, nullable = false): void {
  if (current === null || current === undefined) {
    if (p === null && nullable) return;
    throw new ValueError(`${label}: this ${module.typeName} was built without ${name}, so there is none to replace; build it with the option that makes ${name}`);
  }
  if (p === null && !nullable) {
    throw new ValueError(`${label}: ${name} cannot be removed (the layer always reads it); got null`);
  }
  assignParameter(module, label, name, p, current.shape, nullable, current.dtype);
}
