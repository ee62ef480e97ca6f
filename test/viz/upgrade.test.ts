import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { randn, rand, manualSeed, viz } from "../../src";
import { MIME_TYPES, upgradePayload, validatePayload } from "../../src/viz/payloads";

/**
 * Bundles made by seqgrad before heat maps carried a frame and titles, and before charts carried a
 * layout (the library of commit 7d4da68's parent, from the calls in their names; PNGs kept for the
 * curves only).
 */
const SAVED = JSON.parse(readFileSync(join(__dirname, "../browser/fixtures/saved-bundles.json"), "utf8")) as Record<string, Record<string, unknown>>;

function saved(name: string, kind: keyof typeof MIME_TYPES): unknown {
  return SAVED[name]?.[MIME_TYPES[kind]];
}

describe("payloads saved by an earlier seqgrad", () => {
  it("are refused as they are, and validate once upgraded (attention, gates, tensors)", () => {
    for (const [name, kind] of [["attention", "attention"], ["gates", "gates"], ["tensor2d", "tensor"], ["tensor3d", "tensor"]] as const) {
      const old = saved(name, kind);
      expect(validatePayload(MIME_TYPES[kind], old).ok, name).toBe(false);
      const r = validatePayload(MIME_TYPES[kind], upgradePayload(MIME_TYPES[kind], old));
      expect(r.ok ? "" : r.error, name).toBe("");
    }
  });

  it("get the frame and titles the library makes now from the same input", () => {
    const rows = [[0.7, 0.1, 0.1, 0.1], [0.1, 0.6, 0.2, 0.1], [0.05, 0.15, 0.7, 0.1]];
    const now = viz.attention(rows, { source: ["the", " ", "cat", "the"], target: ["le", "chat", "."] }).payload;
    const up = upgradePayload(MIME_TYPES.attention, saved("attention", "attention")) as typeof now;
    expect(up.frame).toEqual(now.frame);
    expect([up.rowTitle, up.colTitle, up.colorScale.title]).toEqual([now.rowTitle, now.colTitle, now.colorScale.title]);
    manualSeed(3);
    const acts = { gate_i: rand([5, 4]), gate_f: rand([5, 4]), gate_o: rand([5, 4]) };
    const gates = viz.gates(acts, { tokens: ["a", "b", "c", "b", "a"] }).payload;
    const upGates = upgradePayload(MIME_TYPES.gates, saved("gates", "gates")) as typeof gates;
    expect(upGates.frame).toEqual(gates.frame);
    const t = viz.tensor(randn([3, 2, 3])).payload.view;
    const upT = (upgradePayload(MIME_TYPES.tensor, saved("tensor3d", "tensor")) as { view: typeof t }).view;
    expect(upT.type === "slices" && t.type === "slices" && upT.frame.panels.length === 3 && upT.frame.width === t.frame.width).toBe(true);
  });

  it("draw their static SVG again, and a payload that cannot be upgraded is returned as it was", () => {
    expect(viz.fromPayload(MIME_TYPES.tensor, saved("tensor3d", "tensor")).toSVG()).toContain("[2, :, :]");
    const curves = saved("curves", "curves");
    expect(upgradePayload(MIME_TYPES.curves, curves)).toBe(curves);
    const r = validatePayload(MIME_TYPES.curves, upgradePayload(MIME_TYPES.curves, curves));
    expect(r.ok ? "" : r.error).toMatch(/^curves\.panelWidth: expected a value, got nothing/);
  });
});
