import { DTypeError, OutOfMemoryError, ValueError } from "../errors";

/** The element types a tensor can hold. */
export type DType = "float32" | "float64" | "int32";

/** The typed array behind each dtype. */
export type TypedArray = Float32Array | Float64Array | Int32Array;

/** All dtypes, in promotion order (a later one wins in a mixed op). */
export const DTYPES: readonly DType[] = ["int32", "float32", "float64"];

/**
 * Where tensor storage comes from: a provider returns a zero-filled array of n elements of dtype
 * (e.g. a view on the compute backend's WebAssembly memory, see backend/wasm/storage.ts), or
 * null to leave it to the JavaScript heap.
 */
export interface StorageProvider {
  /** `operand`: the array is a kernels' operand (a parameter, a kernel's output), wanted in the provider's storage however small. */
  allocate(dtype: DType, n: number, zeroed?: boolean, operand?: boolean): TypedArray | null;
  /** Gives back an array made by `allocate` that nobody will read again (see the provider's ownership rules). */
  release(data: TypedArray): void;
  /** True when the provider holds more than it should keep between training steps (autograd/retired.ts then gives back retired tensors). */
  crowded?(): boolean;
}

let provider: StorageProvider | null = null;

/** Installs the storage provider (the backend index does, once); null restores plain typed arrays. */
export function setStorageProvider(next: StorageProvider | null): void {
  provider = next;
}

let observer: Set<object> | null = null;

/**
 * Collects into `made` the storage key (`storageKey`) of every array the provider makes until the
 * next call (null stops): the autograd engine learns which blocks its backward pass made, the
 * only ones it may release.
 * Returns the previous collector (passes nest: `grad()` inside a hook).
 */
export function observeAllocations(made: Set<object> | null): Set<object> | null {
  const previous = observer;
  observer = made;
  return previous;
}

/**
 * Hands `data` to the running backward pass, as if the pass had made it: the pass gives its
 * storage back once no gradient holds it (see autograd/pass-storage.ts). For an array an op saved
 * for its backward and returned from it, called when its node is released: nothing reads it after.
 */
export function handOver(data: TypedArray): void {
  if (observer !== null) observer.add(storageKey(data));
}

/** True when the storage provider asks for retired tensors' storage back (see autograd/retired.ts). */
export function storageCrowded(): boolean {
  return provider?.crowded?.() ?? false;
}

/**
 * What an array of the storage provider carries: the life of its block, shared by every view on
 * the block, with the count of Tensor objects made over any of them (see backend/wasm/storage.ts).
 */
interface Stored {
  life?: { tensors: number } | null;
}

/** Counts one more Tensor object over `data`'s block (the Tensor constructor calls it; only provider arrays keep a count). */
export function countTensor(data: TypedArray): void {
  const life = (data as Stored).life;
  if (life !== undefined && life !== null) life.tensors++;
}

/** Tensor objects ever made over views of `data`'s block, or -1 for an array not from the provider. */
export function tensorsOver(data: TypedArray): number {
  return (data as Stored).life?.tensors ?? -1;
}

/** What identifies `data`'s storage: its block's life for a provider array (shared by its views), else the array itself. */
export function storageKey(data: TypedArray): object {
  return (data as Stored).life ?? data;
}

/**
 * Gives the storage of `data` back to the provider that made it, for code that made `data`
 * itself and knows no other reference to this very array object is left (the autograd engine
 * with the gradients it consumed). Anything else is left to the garbage collector.
 */
export function releaseStorage(data: TypedArray): void {
  if (provider !== null) provider.release(data);
}

/**
 * An array of `n` elements of `dtype` whose values are unspecified (zero, or what a reused block
 * held): for a caller that writes every element before anything reads it (saves zeroing a
 * reused block of tensor storage).
 */
export function allocateOverwritten(dtype: DType, n: number, op = "allocate"): TypedArray {
  return allocate(dtype, n, op, false);
}

/**
 * A zero-filled array of `n` elements of `dtype` for the kernels to work on (a parameter, a
 * kernel's own output): in the storage provider's memory however small it is, where an ordinary
 * small array stays on the JavaScript heap (see backend/wasm/storage.ts).
 */
export function allocateOperand(dtype: DType, n: number, op = "allocate"): TypedArray {
  return allocate(dtype, n, op, true, true);
}

/** Allocates a zero-filled typed array of `n` elements of `dtype` (`zeroed` false: see allocateOverwritten; `operand`: see allocateOperand). */
export function allocate(dtype: DType, n: number, op = "allocate", zeroed = true, operand = false): TypedArray {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new ValueError(`${op}: element count must be a non-negative integer; got ${String(n)}`);
  }
  if (provider !== null) {
    const made = provider.allocate(dtype, n, zeroed, operand);
    if (made !== null) {
      if (observer !== null) observer.add(storageKey(made));
      return made;
    }
  }
  try {
    switch (dtype) {
      case "float32":
        return new Float32Array(n);
      case "float64":
        return new Float64Array(n);
      case "int32":
        return new Int32Array(n);
    }
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    const bytes = n * (dtype === "float64" ? 8 : 4);
    throw new OutOfMemoryError(`${op}: out of memory; ${n} ${dtype} elements need ${formatBytes(bytes)}, more than this engine can allocate (${e.message})`, n, dtype, bytes);
  }
}

/** A byte count with its binary-prefixed size: `16000000000000 bytes (14.6 TiB)`. */
export function formatBytes(bytes: number): string {
  const units = ["KiB", "MiB", "GiB", "TiB", "PiB"];
  let size = bytes;
  let unit = "";
  for (const u of units) {
    if (size < 1024) break;
    size /= 1024;
    unit = u;
  }
  return unit === "" ? `${bytes} bytes` : `${bytes} bytes (${size.toFixed(1)} ${unit})`;
}

/** A copy of `data` in storage of its own, from the storage provider when there is one (unlike `slice`). */
export function copyOf<T extends TypedArray>(data: T): T {
  const out = allocate(dtypeOfArray(data), data.length) as T; // allocate gives the array type of its dtype
  out.set(data);
  return out;
}

/** The dtype a typed array stores. */
export function dtypeOfArray(data: TypedArray): DType {
  if (data instanceof Float32Array) return "float32";
  if (data instanceof Float64Array) return "float64";
  if (data instanceof Int32Array) return "int32";
  const kind = Object.prototype.toString.call(data).slice(8, -1);
  throw new DTypeError(`Tensor: data must be a Float32Array, Float64Array or Int32Array; got ${kind}`);
}

/** True for float32 and float64. */
export function isFloating(dtype: DType): boolean {
  return dtype !== "int32";
}

/**
 * The dtype of an op mixing `a` and `b`: float64 > float32 > int32, as PyTorch promotes
 * tensor-tensor ops. `float32 + float64` gives float64; `int32 + float32` gives float32.
 */
export function promote(a: DType, b: DType): DType {
  return DTYPES.indexOf(a) >= DTYPES.indexOf(b) ? a : b;
}

/** Checks that `value` names a dtype; `op` names the caller in the error. */
export function checkDType(op: string, value: unknown): DType {
  if (value === "float32" || value === "float64" || value === "int32") return value;
  throw new DTypeError(`${op}: unknown dtype; expected "float32", "float64" or "int32", got ${String(value)}`);
}

/** Throws unless `dtype` is floating; used by ops that only make sense on real numbers. */
export function requireFloating(op: string, dtype: DType, what = "input"): void {
  if (!isFloating(dtype)) {
    throw new DTypeError(`${op}: ${what} must be float32 or float64; got ${dtype} (convert with .to("float32"))`);
  }
}
