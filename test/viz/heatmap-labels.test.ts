import { describe, expect, it } from "vitest";
import { cellLabel } from "../../src/viz/svg/heatmap";

describe("heat-map cell labels", () => {
  it("keep two significant digits and write tiny or huge values as short exponents", () => {
    expect(cellLabel(0.8335)).toBe("0.83");
    expect(cellLabel(0.000392)).toBe("4e-4");
    expect(cellLabel(12345)).toBe("1e4");
    expect(cellLabel(-0.05)).toBe("-0.05");
    expect(cellLabel(0)).toBe("0");
  });
});
