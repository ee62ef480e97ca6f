import { afterEach, describe, expect, it, vi } from "vitest";
import * as viz from "../../src/viz";
import { KERNEL_BRIDGE_KEY, mimeBundle } from "../../src/runtime";
import { MIME_TYPES, validatePayload } from "../../src/viz/payloads";
import { smooth } from "../../src/viz/curves-text";

interface Sent {
  bundle: Record<string, unknown>;
  id: string;
  update: boolean;
}

function installBridge(): Sent[] {
  const sent: Sent[] = [];
  Reflect.set(globalThis, KERNEL_BRIDGE_KEY, {
    protocol: 1,
    display: (bundle: Record<string, unknown>, id: string, update: boolean) => sent.push({ bundle, id, update }),
    currentCell: () => 1,
    currentAbortSignal: () => undefined,
  });
  return sent;
}

afterEach(() => {
  Reflect.deleteProperty(globalThis, KERNEL_BRIDGE_KEY);
  vi.useRealTimers();
});

describe("viz.curves", () => {
  it("shows once, then updates in place at most every throttleMs, with a final update", () => {
    vi.useFakeTimers();
    const sent = installBridge();
    const live = viz.curves({ total: 100, throttleMs: 250 });
    for (let step = 1; step <= 50; step++) {
      live.log(step, { train_loss: 3 / step, lr: 0.01 });
      vi.advanceTimersByTime(10);
    }
    live.finish();
    // 500 ms of logging at 250 ms intervals: the first display, one or two throttled updates, the final one
    expect(sent[0]?.update).toBe(false);
    expect(sent.slice(1).every((s) => s.update && s.id === sent[0]?.id)).toBe(true);
    expect(sent.length).toBeGreaterThanOrEqual(3);
    expect(sent.length).toBeLessThanOrEqual(4);
    const last = sent[sent.length - 1]?.bundle ?? {};
    const check = validatePayload(MIME_TYPES.curves, JSON.parse(JSON.stringify(last[MIME_TYPES.curves])));
    expect(check.ok).toBe(true);
    if (check.ok && check.payload.kind === "curves") {
      expect(check.payload.progress?.state).toBe("finished");
      expect(check.payload.panels.map((p) => p.id)).toEqual(["loss", "lr"]);
      expect(check.payload.series.find((s) => s.name === "train_loss")?.x).toHaveLength(50);
    }
  });

  it("flushes the last values after a pause (async loops)", () => {
    vi.useFakeTimers();
    const sent = installBridge();
    const live = viz.curves({ throttleMs: 200 });
    live.log(1, { loss: 1 });
    live.log(2, { loss: 0.5 });
    expect(sent).toHaveLength(1);
    vi.advanceTimersByTime(250);
    expect(sent).toHaveLength(2);
    const payload = sent[1]?.bundle[MIME_TYPES.curves] as { series: Array<{ y: number[] }> };
    expect(payload.series[0]?.y).toEqual([1, 0.5]);
  });

  it("writes a terminal progress bar in plain Node", () => {
    const lines: string[] = [];
    const live = viz.curves({ total: 4, throttleMs: 0, stream: { write: (t: string) => lines.push(t) } });
    for (let step = 1; step <= 4; step++) live.log(step, { loss: 1 / step });
    live.finish();
    expect(lines).toHaveLength(5);
    expect(lines[1]).toMatch(/^\[#{12}\.{12}\]  2\/4 .*loss 0\.5\n$/);
    expect(lines[4]).toMatch(/\(finished\)\n$/);
  });

  it("takes the train loop's records as callbacks", () => {
    const live = viz.curves({ live: false });
    live.onStep({ step: 1, epoch: 0, loss: 2.5, gradNorm: 7, lr: 0.1, metrics: { accuracy: 0.3 } });
    live.onEval({ step: 1, epoch: 0, metrics: { valid_loss: 2.7 } });
    const p = live.figure().payload;
    expect(p.panels.map((q) => q.id)).toEqual(["loss", "grad_norm", "lr", "accuracy"]);
    expect(p.series.filter((s) => s.panel === "loss").map((s) => s.name)).toEqual(["train_loss", "valid_loss"]);
    const svg = live.figure().toSVG();
    expect(svg.match(/class="series"/g)).toHaveLength(5);
  });

  it("smooths with a debiased moving average", () => {
    expect(smooth([1, 1, 1], 0.9).map((v) => Number(v.toFixed(12)))).toEqual([1, 1, 1]);
    expect(smooth([0, 1], 0.5)[1]).toBeCloseTo(0.5 / 0.75, 12);
  });

  it("rejects a smoothing outside [0, 1)", () => {
    expect(() => viz.curves({ smoothing: 1 })).toThrow("viz.curves: smoothing must be in [0, 1); expected e.g. 0.6, got 1");
  });
});

describe("curves of a constant metric", () => {
  it("draws a series that stays at one value with a few ticks instead of hanging", () => {
    const c = viz.curves({ total: 200, throttleMs: 0 });
    for (let s = 1; s <= 120; s++) c.log(s, { loss: 4 / Math.sqrt(s), bleu: 0.123456 });
    const html = String(mimeBundle(c)["image/svg+xml"]);
    expect(html).toContain("bleu");
    expect(html.length).toBeLessThan(400_000);
  });
});

describe("curves before the first logged value", () => {
  it("carry a note that both drawings print instead of an empty chart, and lose it once a value is logged", () => {
    const c = viz.curves({ live: false, title: "waiting" });
    const payload = c.figure().payload;
    expect(payload.panels).toEqual([]);
    expect(payload.note).toEqual({ text: "no values logged yet", x: 205, y: 130, anchor: "middle", role: "caption" });
    expect(validatePayload(MIME_TYPES.curves, JSON.parse(JSON.stringify(payload))).ok).toBe(true);
    const svg = c.figure().toSVG();
    // the caption role: 11 px in the muted ink, centred at the note's anchor under the 26 px heading
    expect(svg).toMatch(/<text x="205" y="156" text-anchor="middle" font-size="11" fill="#[0-9a-f]{6}" class="note">no values logged yet<\/text>/);
    expect(svg).not.toContain('class="frame"');
    expect(svg).not.toContain('class="tick"');
    c.log(1, { loss: 2 });
    expect(c.figure().payload.note).toBeNull();
    expect(c.figure().toSVG()).not.toContain("no values logged yet");
  });

  it("read a payload saved before the note existed as one without a note", () => {
    const c = viz.curves({ live: false });
    const { note: _note, ...saved } = JSON.parse(JSON.stringify(c.figure().payload));
    const r = validatePayload(MIME_TYPES.curves, saved);
    expect(r.ok && r.payload.kind === "curves" && r.payload.note).toBeNull();
  });

  it("reject a note in a role that does not exist", () => {
    const payload = JSON.parse(JSON.stringify(viz.curves({ live: false }).figure().payload));
    payload.note.role = "shout";
    const r = validatePayload(MIME_TYPES.curves, payload);
    expect(r.ok).toBe(false);
    expect(r.ok ? "" : r.error).toContain("curves.note.role");
  });
});
