/**
 * The entry point of payload validation: the kind's valibot schema (types and field rules), then
 * its consistency rules. The extension and the library validate with this one function, from the
 * same schemas the payload types are inferred from.
 */
import * as v from "valibot";
import { MIME_TYPES, PAYLOAD_VERSION, type PayloadKind } from "./mime";
import { PAYLOAD_SCHEMAS, type Payload } from "./plots";
import { PayloadError, describe, fail } from "./checks";
import { CONSISTENCY } from "./validators";

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
 * Errors name the path of the first bad field: `curves.series[1].y: expected 40 values, got an array of 39`.
 * Fields the schema does not know are allowed and left out of the returned payload.
 *
 * @example const r = validatePayload(MIME_TYPES.tensor, data); if (!r.ok) showError(r.error);
 */
export function validatePayload(mime: string, data: unknown): ValidationResult {
  const kind = kindOfMime(mime);
  if (kind === null) return { ok: false, error: `validatePayload: unknown MIME type; expected one of ${Object.values(MIME_TYPES).join(", ")}, got ${String(mime)}` };
  try {
    if (typeof data !== "object" || data === null || Array.isArray(data)) fail(kind, "an object", data);
    const o = data as Record<string, unknown>;
    if (o.kind !== kind) fail(`${kind}.kind`, `"${kind}"`, o.kind);
    if (o.version !== PAYLOAD_VERSION) fail(`${kind}.version`, String(PAYLOAD_VERSION), o.version);
    const parsed = v.safeParse(PAYLOAD_SCHEMAS[kind], data, { abortEarly: true });
    if (!parsed.success) return { ok: false, error: issueText(kind, parsed.issues[0]) };
    (CONSISTENCY[kind] as (p: Payload, path: string) => void)(parsed.output, kind);
    return { ok: true, payload: parsed.output };
  } catch (e) {
    if (e instanceof PayloadError) return { ok: false, error: e.message };
    throw e;
  }
}

/** `curves.series[0].x[3]: expected a finite number, got "x"` from a valibot issue. */
function issueText(kind: string, issue: v.BaseIssue<unknown>): string {
  const path = issue.path ?? [];
  const where = kind + path.map((item) => (typeof item.key === "number" ? `[${item.key}]` : `.${String(item.key)}`)).join("");
  const last = path[path.length - 1];
  // a rule across fields (v.check) reports the whole object as its input; name the field it is about
  const got = issue.type === "check" && last !== undefined ? last.value : issue.input;
  if (got === undefined && issue.kind === "schema") return `${where}: expected a value, got nothing`;
  return `${where}: expected ${issue.message}, got ${describe(got)}`;
}
