import { formatShape, numelOf } from "../tensor/shape";
import { SAFETENSORS_DTYPES, SafetensorsDType, isSafetensorsDType } from "./safetensors-dtype";
import { SafetensorsError } from "./safetensors-error";

/**
 * Validation of a safetensors header, entry by entry: JSON object, `__metadata__` of strings,
 * and for each tensor a known dtype, a shape of non-negative integers and `data_offsets`
 * [begin, end] whose length matches dtype and shape. (Offsets against each other and against the
 * file size are checked by `parseSafetensors`, which sees them all.)
 */

/** The header bytes as a JSON object. */
export function parseHeader(raw: Uint8Array): Record<string, unknown> {
  let text: string;
  try {
    // ignoreBOM keeps a byte-order mark in the text, where the "{" check below rejects it
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(raw);
  } catch {
    throw new SafetensorsError("header-json", `loadSafetensors: header is not valid UTF-8; expected ${raw.length} bytes of JSON`);
  }
  if (!text.startsWith("{")) {
    throw new SafetensorsError("header-json", `loadSafetensors: header must be a JSON object starting with "{"; got ${JSON.stringify(text.slice(0, 20))}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new SafetensorsError("header-json", `loadSafetensors: header is not valid JSON (${(e as Error).message}); header length ${raw.length}`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new SafetensorsError("header-json", `loadSafetensors: header must be a JSON object; got ${Array.isArray(parsed) ? "an array" : typeof parsed}`);
  }
  return parsed as Record<string, unknown>;
}

/** The `__metadata__` entry, checked to map strings to strings. */
export function readMetadata(raw: unknown): Record<string, string> {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new SafetensorsError("entry", `loadSafetensors: "__metadata__" must be an object of strings; got ${JSON.stringify(raw)}`);
  }
  for (const [k, v] of Object.entries(raw)) {
    if (typeof v !== "string") throw new SafetensorsError("entry", `loadSafetensors: "__metadata__" value of "${k}" must be a string; got ${JSON.stringify(v)}`);
  }
  return raw as Record<string, string>;
}

/** One tensor entry, checked on its own. */
export function readEntry(name: string, raw: unknown): { dtype: SafetensorsDType; shape: number[]; begin: number; end: number } {
  const op = "loadSafetensors";
  if (typeof raw !== "object" || raw === null) {
    throw new SafetensorsError("entry", `${op}: entry "${name}" must be an object with dtype, shape and data_offsets; got ${JSON.stringify(raw)}`);
  }
  const { dtype, shape, data_offsets: offsets } = raw as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
  if (!isSafetensorsDType(dtype)) {
    throw new SafetensorsError("dtype", `${op}: tensor "${name}" has unknown or unsupported dtype ${JSON.stringify(dtype)}; expected one of ${Object.keys(SAFETENSORS_DTYPES).join(", ")}`);
  }
  if (!Array.isArray(shape) || !shape.every((s) => Number.isSafeInteger(s) && s >= 0)) {
    throw new SafetensorsError("entry", `${op}: tensor "${name}" has a bad shape; expected a list of non-negative safe integers, got ${JSON.stringify(shape)}`);
  }
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every((o) => Number.isSafeInteger(o) && o >= 0)) {
    throw new SafetensorsError("offsets", `${op}: tensor "${name}" has bad data_offsets; expected [begin, end] of non-negative integers, got ${JSON.stringify(offsets)}`);
  }
  const [begin, end] = offsets as [number, number];
  if (end < begin) {
    throw new SafetensorsError("offsets", `${op}: tensor "${name}" has data_offsets out of order; expected begin <= end, got [${begin}, ${end}]`);
  }
  const bytes = numelOf(shape) * SAFETENSORS_DTYPES[dtype].size;
  if (end - begin !== bytes) {
    throw new SafetensorsError(
      "offsets",
      `${op}: tensor "${name}" ${dtype} ${formatShape(shape)} needs ${bytes} bytes; data_offsets [${begin}, ${end}] hold ${end - begin}`,
    );
  }
  return { dtype, shape: [...shape], begin, end };
}
