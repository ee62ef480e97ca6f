/** The entry point of payload validation. */
import { MIME_TYPES, PAYLOAD_VERSION, type PayloadKind } from "./mime";
import type { Payload } from "./plots";
import { PayloadError, fail, obj, optStr } from "./checks";
import { VALIDATORS } from "./validators";

// ---- validation ------------------------------------------------------------------------------------

/** Result of `validatePayload`. */
export type ValidationResult<P = Payload> = { ok: true; payload: P } | { ok: false; error: string };

/** The figure kind a MIME type stands for, or null for an unknown type. */
export function kindOfMime(mime: string): PayloadKind | null {
  for (const kind of Object.keys(MIME_TYPES) as PayloadKind[]) {
    if (MIME_TYPES[kind] === mime) return kind;
  }
  return null;
}

/**
 * Checks that `data` is a well-formed payload for `mime`: right kind and version, every required
 * field of the right type, and consistent sizes (matrix rows, series lengths, edge endpoints).
 * Errors name the path of the first bad field: `curves.series[1].y: expected 40 values, got 39`.
 *
 * @example const r = validatePayload(MIME_TYPES.tensor, data); if (!r.ok) showError(r.error);
 */
export function validatePayload(mime: string, data: unknown): ValidationResult {
  const kind = kindOfMime(mime);
  if (kind === null) return { ok: false, error: `validatePayload: unknown MIME type; expected one of ${Object.values(MIME_TYPES).join(", ")}, got ${String(mime)}` };
  try {
    const o = obj(data, kind);
    if (o.kind !== kind) fail(`${kind}.kind`, `"${kind}"`, o.kind);
    if (o.version !== PAYLOAD_VERSION) fail(`${kind}.version`, String(PAYLOAD_VERSION), o.version);
    optStr(o.title, `${kind}.title`);
    VALIDATORS[kind](o, kind);
    return { ok: true, payload: data as Payload };
  } catch (e) {
    if (e instanceof PayloadError) return { ok: false, error: e.message };
    throw e;
  }
}
