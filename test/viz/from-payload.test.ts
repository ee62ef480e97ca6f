import { describe, expect, it } from "vitest";
import { randn, tensor, viz, ValueError } from "../../src";
import { MIME_TYPES } from "../../src/viz/payloads";

describe("viz.fromPayload", () => {
  it("draws the same static SVG from a saved payload as the figure that made it", () => {
    const figures = [
      viz.tensor(tensor([[1, -2.5], [0.125, 3]])),
      viz.attention([[0.9, 0.1], [0.2, 0.8]], { source: ["a", " "], target: ["x", "y"] }),
      viz.line({ train: [3, 2, 1.5], valid: [3.2, 2.4, 2] }, { yScale: "log" }),
      viz.spectrum(randn([6, 6])),
    ];
    for (const figure of figures) {
      const saved = JSON.parse(JSON.stringify(figure.payload)) as unknown;
      const again = viz.fromPayload(figure.mimeType, saved);
      expect(again.kind).toBe(figure.kind);
      expect(again.toSVG()).toBe(figure.toSVG());
    }
  });

  it("names the first bad field of a payload that does not validate", () => {
    const saved = JSON.parse(JSON.stringify(viz.tensor(tensor([1, 2, 3])).payload)) as Record<string, unknown>;
    saved.version = 9;
    expect(() => viz.fromPayload(MIME_TYPES.tensor, saved)).toThrow(ValueError);
    expect(() => viz.fromPayload(MIME_TYPES.tensor, saved)).toThrow(/viz\.fromPayload: .*tensor\.version: expected 1, got 9/);
    expect(() => viz.fromPayload("text/html", {})).toThrow(/unknown MIME type/);
  });
});
