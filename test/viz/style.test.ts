import { describe, expect, it } from "vitest";
import { fitAxis, linearAxis, logAxis } from "../../src/viz/data/axis";
import { formatCell, formatDuration, formatLogTick, formatTick, formatValue, seriesColor } from "../../src/viz/payloads/style";
import { viz } from "../../src";

describe("the shared number style", () => {
  it("shows values to 4 significant digits and NaN and infinities by name", () => {
    expect(formatValue(3.14159265)).toBe("3.142");
    expect(formatValue(0)).toBe("0");
    expect(formatValue(1.5e-5)).toBe("1.5e-5");
    expect(formatValue(123456)).toBe("1.235e5");
    expect(formatValue("NaN")).toBe("NaN");
    expect(formatValue("-Infinity")).toBe("-Inf");
    expect(formatValue(null)).toBe("n/a");
  });

  it("labels linear ticks with the digits their step needs", () => {
    expect(formatTick(0.30000000000000004, 0.1)).toBe("0.3");
    expect(formatTick(0.0046, 0.0002)).toBe("0.0046");
    expect(formatTick(150000, 50000)).toBe("1.5e5");
    expect(formatTick(-0.0002, 0.0001)).toBe("-2e-4");
  });

  it("labels log ticks plainly from 0.001 to 10000 and as 1e-10 beyond", () => {
    expect([1e-10, 0.001, 0.5, 100, 1e4, 1e5, 5e6].map(formatLogTick)).toEqual(["1e-10", "0.001", "0.5", "100", "10000", "1e5", "5e6"]);
  });

  it("prints whole numbers in heat-map cells exactly (token ids and counts) and other values to 2 digits", () => {
    expect([816, -12345, 0, 99999].map(formatCell)).toEqual(["816", "-12345", "0", "99999"]);
    expect([815.6, 0.1234, 123456, 0.0004].map(formatCell)).toEqual(["820", "0.12", "1e5", "4e-4"]);
  });

  it("formats durations as m:ss and h:mm:ss", () => {
    expect(formatDuration(5)).toBe("0:05");
    expect(formatDuration(3723)).toBe("1:02:03");
    expect(formatDuration(-3)).toBe("0:00");
  });

  it("wraps the series palette", () => {
    expect(seriesColor(10)).toBe(seriesColor(0));
    expect(seriesColor(-1)).toBe(seriesColor(9));
  });
});

describe("axes decided in the library", () => {
  it("draws a constant series as a flat line with short labels", () => {
    for (const v of [0.005, 1.6271, 0, -3, 1e-10, 7e9]) {
      const a = fitAxis("y", [v, v, v], "linear");
      expect(a.range[0]).toBeLessThan(v);
      expect(a.range[1]).toBeGreaterThan(v);
      for (const t of a.tickText) expect(t.length, `${v}: ${t}`).toBeLessThanOrEqual(8);
    }
  });

  it("treats rounding noise as constant (the comb of a debiased moving average)", () => {
    const a = fitAxis("lr", [0.005, 0.0050000000000000044, 0.004999999999999999], "linear");
    expect(a.tickText.every((t) => t.length <= 6)).toBe(true);
    expect(a.range[1] - a.range[0]).toBeGreaterThan(0.0009);
  });

  it("keeps every label of hard ranges at 8 characters or fewer", () => {
    const cases: Array<[number, number]> = [[1e-10, 1e10], [-1e10, 1e-10], [0.1234567, 0.1234999], [99999, 100001], [-5e-7, 5e-7]];
    for (const [lo, hi] of cases) {
      const labels = linearAxis("", [lo, hi]).tickText;
      expect(new Set(labels).size, `${lo}..${hi}: ${labels}`).toBe(labels.length);
      for (const t of labels) expect(t.length, `${lo}..${hi}: ${t}`).toBeLessThanOrEqual(8);
    }
    for (const t of logAxis("", [1e-10, 1e10]).tickText) expect(t.length).toBeLessThanOrEqual(6);
  });

  it("ignores non-positive values on a log axis", () => {
    const a = fitAxis("y", [-1, 0, 0.01, 10], "log");
    expect(a.range).toEqual([0.01, 10]);
  });

  it("centres a constant series on a log axis in log space, a decade wide, even at a power of ten", () => {
    for (const v of [0.001, 0.005, 0.01, 3e-4, 1, 2.5e7]) {
      const a = fitAxis("lr", [v, v, v], "log");
      const [lo, hi] = a.range;
      expect(Math.log10(hi) - Math.log10(lo), `${v}`).toBeCloseTo(1, 9);
      expect((Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo)), `${v}`).toBeCloseTo(0.5, 9);
      expect(a.ticks.length, `${v}: ${a.tickText}`).toBeGreaterThanOrEqual(3);
      for (const t of a.ticks) expect(t >= lo * (1 - 1e-9) && t <= hi * (1 + 1e-9), `${v}: tick ${t}`).toBe(true);
    }
    expect(fitAxis("lr", [0.001], "log").tickText).toEqual(["5e-4", "0.001", "0.002"]);
  });

  it("keeps whole decades on a log axis whose values span a decade or more", () => {
    expect(fitAxis("loss", [0.05, 3], "log").range).toEqual([0.01, 10]);
    expect(fitAxis("loss", [0.05, 3], "log").ticks).toEqual([0.01, 0.1, 1, 10]);
    expect(fitAxis("loss", [0.5, 8], "log").ticks).toEqual([0.1, 0.2, 0.5, 1, 2, 5, 10]);
  });

  it("gives a curves payload the axes, colours and smoothed series both drawings use", () => {
    const live = viz.curves({ live: false });
    for (let s = 1; s <= 40; s++) live.log(s, { train_loss: 2 / s, lr: 0.005 });
    const p = live.figure().payload;
    expect(p.panels.map((q) => q.id)).toEqual(["loss", "lr"]);
    const lr = p.panels[1];
    expect(lr?.yAxis.scale).toBe("log");
    expect(p.series.find((s) => s.name === "lr")?.smoothed).toBeNull();
    expect(p.series.find((s) => s.name === "train_loss")?.smoothed).toHaveLength(40);
    expect(p.series.map((s) => s.color)).toEqual([seriesColor(0), seriesColor(1)]);
  });
});
