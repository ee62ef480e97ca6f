import { describe, expect, it } from "vitest";
import { colorFields, colorbarTicks, plotValue, plotlyStops } from "../../extension/src/draw/colors";
import { plotlyText } from "../../extension/src/draw/plotly-text";
import { COLOR_STOPS } from "../../src/viz/payloads/style";

describe("extension colours and values for plotly", () => {
  it("turns NaN and infinities into plot gaps (null)", () => {
    expect([1, "NaN", "Infinity", -2].map((v) => plotValue(v as never))).toEqual([1, null, null, -2]);
  });

  it("keeps a colour range non-empty when min equals max", () => {
    const scale = { ticks: [], tickText: [] };
    expect(colorFields({ scheme: "viridis", min: 2, max: 2, ...scale })).toMatchObject({ zmin: 2, zmax: 3 });
    expect(colorFields({ scheme: "rdbu", min: -1, max: 1, ...scale })).toMatchObject({ zmin: -1, zmax: 1 });
  });

  it("draws colour maps with the shared style's stops and the payload's colour-bar ticks", () => {
    const stops = plotlyStops("viridis");
    expect(stops.map(([, c]) => c)).toEqual([...COLOR_STOPS.viridis]);
    expect(stops[0]?.[0]).toBe(0);
    expect(stops.at(-1)?.[0]).toBe(1);
    expect(colorbarTicks({ scheme: "blues", min: 0, max: 1, ticks: [0, 0.5], tickText: ["0", "0.5"] })).toEqual({ tickmode: "array", tickvals: [0, 0.5], ticktext: ["0", "0.5"] });
  });
});

describe("extension text for plotly", () => {
  it("escapes markup so a token is shown literally", () => {
    expect(plotlyText("<img src=x onerror=alert(1)>")).toBe("&lt;img src=x onerror=alert(1)&gt;");
    expect(plotlyText("a & b")).toBe("a &amp; b");
  });
});
