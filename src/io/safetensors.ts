import { checkKnownOptions } from "../known-options";
import { ValueError } from "../errors";
import { allocate } from "../tensor/dtype";
import { numelOf } from "../tensor/shape";
import { Tensor } from "../tensor/tensor";
import { writeFileAtomic } from "./atomic-write";
import { readFileFor } from "./read-file";
import { SAFETENSORS_DTYPES, SafetensorsDType, decodeElements } from "./safetensors-dtype";
import { parseHeader, readEntry, readMetadata } from "./safetensors-header";
import { SafetensorsError } from "./safetensors-error";

/**
 * The safetensors format (Hugging Face), which PyTorch users exchange weights in:
 *
 *   [8 bytes: N, unsigned little-endian] [N bytes: JSON header] [data bytes]
 *
 * The header maps each tensor name to `{ dtype, shape, data_offsets: [begin, end] }` (byte offsets
 * into the data section) and may hold `"__metadata__": { string: string }`. Tensors are stored
 * little-endian, row-major, back to back: sorted by `begin`, each starts where the previous ended,
 * the last ends at the end of the file.
 */

/** Tensors by name, as a record or a map (a module's `stateDict()` gives one). */
export type TensorRecord = Record<string, Tensor> | ReadonlyMap<string, Tensor>;

/** Options of `toSafetensorsBytes` and `saveSafetensors`. */
export interface SafetensorsWriteOptions {
  /** Free-form strings stored under `__metadata__`. */
  metadata?: Record<string, string>;
  /** Store int32 tensors as I64, PyTorch's index type (default false: I32). */
  int64?: boolean;
}

/** A parsed file: its tensors and its `__metadata__`. */
export interface SafetensorsContents {
  tensors: Record<string, Tensor>;
  metadata: Record<string, string>;
}

const MAX_HEADER = 100_000_000;
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

interface Planned {
  name: string;
  tensor: Tensor;
  dtype: SafetensorsDType;
  begin: number;
  end: number;
}

/**
 * Encodes tensors as safetensors, in pieces: the first is the length and header, then one piece
 * per tensor, produced lazily (so a file can be written without a second copy of all the data).
 */
export function* safetensorsChunks(record: TensorRecord, options: SafetensorsWriteOptions = {}): Generator<Uint8Array> {
  checkKnownOptions("toSafetensorsBytes", options, ["metadata", "int64"]);
  const entries = record instanceof Map ? [...record.entries()] : Object.entries(record);
  const planned: Planned[] = [];
  for (const [name, tensor] of entries) {
    if (!(tensor instanceof Tensor)) throw new ValueError(`toSafetensorsBytes: value of "${name}" must be a Tensor; got ${typeof tensor}`);
    if (name === "__metadata__") throw new ValueError(`toSafetensorsBytes: "__metadata__" is reserved and cannot name a tensor`);
    if (!name.isWellFormed()) throw new ValueError(`toSafetensorsBytes: tensor names must be well-formed UTF-16 to round-trip as UTF-8; got ${JSON.stringify(name)}`);
    const dtype: SafetensorsDType = tensor.dtype === "float64" ? "F64" : tensor.dtype === "float32" ? "F32" : options.int64 ? "I64" : "I32";
    planned.push({ name, tensor, dtype, begin: 0, end: 0 });
  }
  // widest elements first, then by name: every tensor starts at a multiple of its element size
  planned.sort((a, b) => SAFETENSORS_DTYPES[b.dtype].size - SAFETENSORS_DTYPES[a.dtype].size || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  let offset = 0;
  const header = Object.create(null) as Record<string, unknown>;
  if (options.metadata !== undefined) header.__metadata__ = checkMetadata(options.metadata);
  for (const p of planned) {
    p.begin = offset;
    offset += p.tensor.numel * SAFETENSORS_DTYPES[p.dtype].size;
    p.end = offset;
    header[p.name] = { dtype: p.dtype, shape: [...p.tensor.shape], data_offsets: [p.begin, p.end] };
  }
  let json = new TextEncoder().encode(JSON.stringify(header));
  const padded = Math.ceil(json.length / 8) * 8;
  if (padded !== json.length) {
    const bytes = new Uint8Array(padded).fill(0x20);
    bytes.set(json);
    json = bytes;
  }
  const head = new Uint8Array(8 + json.length);
  new DataView(head.buffer).setBigUint64(0, BigInt(json.length), true);
  head.set(json, 8);
  yield head;
  for (const p of planned) yield encodeTensor(p.tensor, p.dtype);
}

/** The safetensors bytes of `record` (see `saveSafetensors`). */
export function toSafetensorsBytes(record: TensorRecord, options: SafetensorsWriteOptions = {}): Uint8Array {
  const chunks = [...safetensorsChunks(record, options)];
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/**
 * Writes tensors to a safetensors file that PyTorch (`safetensors.torch.load_file`) and other
 * tools read: float32 as F32, float64 as F64, int32 as I32 (or I64 with `int64: true`).
 * The file is replaced atomically (temporary file, then rename).
 *
 * @example saveSafetensors("model.safetensors", model.stateDict());
 */
export function saveSafetensors(path: string, record: TensorRecord, options: SafetensorsWriteOptions = {}): void {
  writeFileAtomic(path, safetensorsChunks(record, options));
}

/** The tensors of a safetensors file held in memory (see `loadSafetensors`). */
export function fromSafetensorsBytes(bytes: Uint8Array): Record<string, Tensor> {
  return parseSafetensors(bytes).tensors;
}

/**
 * Reads a safetensors file into tensors by name: F32, F16 and BF16 as float32, F64 as float64,
 * integer and bool types as int32 (I64 and U64 values must fit int32). A malformed file throws a
 * `SafetensorsError` saying what is wrong and where.
 *
 * @example model.loadStateDict(loadSafetensors("lstm.safetensors"));
 */
export function loadSafetensors(path: string): Record<string, Tensor> {
  return parseSafetensors(readFileFor("loadSafetensors", path)).tensors;
}

/** Parses and validates safetensors bytes: tensors and `__metadata__`. */
export function parseSafetensors(bytes: Uint8Array): SafetensorsContents {
  const op = "loadSafetensors";
  if (bytes.length < 8) {
    throw new SafetensorsError("header-length", `${op}: file too short for the 8-byte header length; expected at least 8 bytes, got ${bytes.length}`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = view.getBigUint64(0, true);
  if (n === 0n || n > BigInt(MAX_HEADER) || n > BigInt(bytes.length - 8)) {
    throw new SafetensorsError(
      "header-length",
      `${op}: bad header length; expected 1 to ${Math.min(MAX_HEADER, bytes.length - 8)} bytes (file is ${bytes.length} bytes), got ${n}`,
    );
  }
  const headerEnd = 8 + Number(n);
  const header = parseHeader(bytes.subarray(8, headerEnd));
  const dataLength = bytes.length - headerEnd;
  const metadata = Object.create(null) as Record<string, string>;
  const planned: Array<{ name: string; dtype: SafetensorsDType; shape: number[]; begin: number; end: number }> = [];
  for (const [name, raw] of Object.entries(header)) {
    if (name === "__metadata__") {
      Object.assign(metadata, readMetadata(raw));
      continue;
    }
    planned.push({ name, ...readEntry(name, raw) });
  }
  planned.sort((a, b) => a.begin - b.begin || a.end - b.end);
  let expected = 0;
  let previous = "";
  for (const p of planned) {
    if (p.begin < expected) {
      throw new SafetensorsError("overlap", `${op}: tensor "${p.name}" at bytes [${p.begin}, ${p.end}) overlaps "${previous}", which ends at ${expected}`);
    }
    if (p.begin > expected) {
      throw new SafetensorsError("gap", `${op}: tensor "${p.name}" starts at byte ${p.begin}; expected ${expected}, where ${previous === "" ? "the data section begins" : `"${previous}" ends`} (tensors must be contiguous)`);
    }
    expected = p.end;
    previous = p.name;
  }
  if (expected > dataLength) {
    throw new SafetensorsError("truncated", `${op}: data section is truncated; the header needs ${expected} bytes of data, the file has ${dataLength}`);
  }
  if (expected < dataLength) {
    throw new SafetensorsError("trailing", `${op}: data section has ${dataLength - expected} bytes no tensor covers; expected ${expected} bytes, got ${dataLength}`);
  }
  // null prototypes: a tensor named "__proto__" is a tensor like any other
  const tensors = Object.create(null) as Record<string, Tensor>;
  for (const p of planned) {
    const numel = numelOf(p.shape);
    const out = allocate(SAFETENSORS_DTYPES[p.dtype].loadsAs, numel);
    const start = headerEnd + p.begin;
    if (LITTLE_ENDIAN && (p.dtype === "F32" || p.dtype === "F64" || p.dtype === "I32")) {
      new Uint8Array(out.buffer, out.byteOffset, out.byteLength).set(bytes.subarray(start, headerEnd + p.end));
    } else {
      decodeElements(new DataView(bytes.buffer, bytes.byteOffset + start, p.end - p.begin), p.dtype, numel, out, p.name);
    }
    tensors[p.name] = new Tensor(out, p.shape);
  }
  return { tensors, metadata };
}

function checkMetadata(metadata: Record<string, string>): Record<string, string> {
  for (const [k, v] of Object.entries(metadata)) {
    if (typeof v !== "string") throw new ValueError(`toSafetensorsBytes: metadata value of "${k}" must be a string; got ${typeof v}`);
  }
  return metadata;
}

function encodeTensor(t: Tensor, dtype: SafetensorsDType): Uint8Array {
  const data = t.data;
  if (dtype === "I64") {
    const out = new Uint8Array(data.length * 8);
    const view = new DataView(out.buffer);
    for (let i = 0; i < data.length; i++) {
      const v = data[i] as number;
      view.setInt32(8 * i, v, true);
      view.setInt32(8 * i + 4, v < 0 ? -1 : 0, true);
    }
    return out;
  }
  if (LITTLE_ENDIAN) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const out = new Uint8Array(data.byteLength);
  const view = new DataView(out.buffer);
  for (let i = 0; i < data.length; i++) {
    const v = data[i] as number;
    if (dtype === "F64") view.setFloat64(8 * i, v, true);
    else if (dtype === "F32") view.setFloat32(4 * i, v, true);
    else view.setInt32(4 * i, v, true);
  }
  return out;
}
