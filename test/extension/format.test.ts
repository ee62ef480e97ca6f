import { describe, expect, it } from "vitest";
import { colorFields, formatShape, formatValue, plotValue } from "../../extension/src/draw/colors";
import { plotlyText } from "../../extension/src/draw/plotly-text";
import { formatDuration, smooth } from "../../extension/src/draw/smoothing";

describe("extension number formatting", () => {
  it("shows finite values to 4 significant digits and NaN and infinities by name", () => {
    expect(formatValue(3.14159265)).toBe("3.142");
    expect(formatValue(0)).toBe("0");
    expect(formatValue(1.5e-5)).toBe("1.500e-5");
    expect(formatValue(123456)).toBe("1.235e+5");
    expect(formatValue("NaN")).toBe("NaN");
    expect(formatValue("-Infinity")).toBe("-inf");
    expect(formatValue(null)).toBe("n/a");
  });

  it("turns NaN and infinities into plot gaps (null)", () => {
    expect([1, "NaN", "Infinity", -2].map((v) => plotValue(v as never))).toEqual([1, null, null, -2]);
  });

  it("prints shapes as [2, 3] and a 0-D shape as []", () => {
    expect(formatShape([2, 3])).toBe("[2, 3]");
    expect(formatShape([])).toBe("[]");
  });

  it("keeps a colour range non-empty when min equals max", () => {
    expect(colorFields({ scheme: "viridis", min: 2, max: 2 })).toMatchObject({ zmin: 2, zmax: 3 });
    expect(colorFields({ scheme: "rdbu", min: -1, max: 1 })).toMatchObject({ zmin: -1, zmax: 1 });
  });
});

describe("extension text for plotly", () => {
  it("escapes markup so a token is shown literally", () => {
    expect(plotlyText("<img src=x onerror=alert(1)>")).toBe("&lt;img src=x onerror=alert(1)&gt;");
    expect(plotlyText("a & b")).toBe("a &amp; b");
  });
});

describe("training-curve smoothing", () => {
  it("is the debiased moving average m_k / (1 - s^k), so a constant series stays constant", () => {
    const out = smooth([2, 2, 2, 2], 0.9);
    for (const v of out) expect(v).toBeCloseTo(2, 12);
  });

  it("equals the raw value at the first step and skips gaps", () => {
    const out = smooth([4, null, 0], 0.5);
    expect(out[0]).toBeCloseTo(4, 12);
    expect(out[1]).toBeNull();
    // m_1 = 2, m_2 = 0.5*2 + 0 = 1, debiased 1 / (1 - 0.25) = 4/3
    expect(out[2]).toBeCloseTo(4 / 3, 12);
  });

  it("formats durations as m:ss and h:mm:ss", () => {
    expect(formatDuration(5)).toBe("0:05");
    expect(formatDuration(125)).toBe("2:05");
    expect(formatDuration(3723)).toBe("1:02:03");
    expect(formatDuration(-3)).toBe("0:00");
  });
});
