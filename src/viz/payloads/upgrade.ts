/**
 * Payloads saved by an earlier seqgrad, made current: a notebook executed before a heat map carried
 * its frame and titles (attention, gates, tensors) still draws in the lab and in the handouts. The
 * missing fields are computed by the same functions the library uses when it makes the payload
 * (`attentionFrame`, `gatesFrame`, `tensorFrame`, `HEAT_TITLES`), so an upgraded payload is the
 * one the kernel would make now. Payloads of other kinds, or older than these fields' neighbours,
 * are returned as they are (their validation error then says what is missing).
 */
import type { PayloadKind } from "./mime";
import type { AttentionPayload, GatesPayload, HeatFrame, TensorPayload } from "./figures";
import { HEAT_TITLES, attentionFrame, gatesFrame, tensorFrame } from "./heat-frame";
import { kindOfMime, validatePayload } from "./validate";

type Json = Record<string, unknown>;

/** How a kind is upgraded: stand-ins for its missing fields (`fill`), then the real values from the parsed payload (`complete`). */
interface Upgrade {
  fill: (p: Json) => boolean;
  complete: (p: Json) => void;
}

const isObject = (x: unknown): x is Json => typeof x === "object" && x !== null && !Array.isArray(x);

/** A frame of `n` empty boxes, valid in shape, replaced by the computed one once the rest parses. */
function standIn(n: number): HeatFrame {
  const box = { x: 0, y: 0, width: 0, height: 0 };
  return { width: 0, height: 0, panels: Array.from({ length: n }, () => box), colorBar: box };
}

/** Sets `o[key]` to `value` when it is missing; whether it was. */
function missing(o: Json, key: string, value: unknown): boolean {
  if (key in o) return false;
  o[key] = value;
  return true;
}

function titleColorBar(scale: unknown, title: string): void {
  if (isObject(scale)) missing(scale, "title", title);
}

const UPGRADES: Partial<Record<PayloadKind, Upgrade>> = {
  attention: {
    fill: (p) => {
      const panels = Array.isArray(p.panels) ? p.panels.length : 0;
      const frame = missing(p, "frame", standIn(panels));
      if (frame) titleColorBar(p.colorScale, HEAT_TITLES.attention.colorBar);
      missing(p, "rowTitle", HEAT_TITLES.attention.row);
      missing(p, "colTitle", HEAT_TITLES.attention.col);
      return frame;
    },
    complete: (p) => {
      const a = p as unknown as AttentionPayload;
      a.frame = attentionFrame(a);
    },
  },
  gates: {
    fill: (p) => {
      const gates = Array.isArray(p.gates) ? p.gates : [];
      const frame = missing(p, "frame", standIn(gates.length));
      if (frame) for (const g of gates) if (isObject(g)) titleColorBar(g.colorScale, HEAT_TITLES.gates.colorBar);
      missing(p, "rowTitle", HEAT_TITLES.gates.row);
      return frame;
    },
    complete: (p) => {
      const g = p as unknown as GatesPayload;
      g.frame = gatesFrame(g);
    },
  },
  tensor: {
    fill: (p) => {
      const v = p.view;
      if (!isObject(v) || (v.type !== "heatmap" && v.type !== "slices")) return false;
      const frame = missing(v, "frame", standIn(v.type === "slices" && Array.isArray(v.slices) ? v.slices.length : 1));
      if (frame) titleColorBar(v.colorScale, HEAT_TITLES.tensor.colorBar);
      return frame;
    },
    complete: (p) => {
      const v = (p as unknown as TensorPayload).view;
      if (v.type === "heatmap") v.frame = tensorFrame([{ matrix: v.matrix, grid: v.grid }], false, v.colorScale);
      if (v.type === "slices") {
        // (validation checked one grid per slice)
        const panels = v.slices.flatMap((matrix, k) => {
          const grid = v.grids[k];
          return grid === undefined ? [] : [{ matrix, grid }];
        });
        v.frame = tensorFrame(panels, true, v.colorScale);
      }
    },
  },
};

/**
 * `data` made current when it is a payload of `mime` saved by an earlier seqgrad that lacks only
 * fields the library can compute again (a heat map's frame and titles); otherwise `data` itself.
 * Validate the result as usual (`validatePayload`).
 *
 * @example const r = validatePayload(mime, upgradePayload(mime, saved));
 */
export function upgradePayload(mime: string, data: unknown): unknown {
  const kind = kindOfMime(mime);
  const upgrade = kind === null ? undefined : UPGRADES[kind];
  if (upgrade === undefined || !isObject(data) || validatePayload(mime, data).ok) return data;
  const draft = JSON.parse(JSON.stringify(data)) as Json;
  const framed = upgrade.fill(draft);
  const parsed = validatePayload(mime, draft);
  if (!parsed.ok) return data;
  const payload = parsed.payload as unknown as Json;
  if (framed) upgrade.complete(payload);
  return payload;
}
