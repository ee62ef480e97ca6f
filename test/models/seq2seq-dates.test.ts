/**
 * Acceptance: date-format translation ("Tuesday, March 3, 2020" -> "2020-03-03") with additive
 * attention over a bidirectional GRU encoder (Bahdanau's model, small), on held-out dates; and the
 * same model without attention, whose fixed-size bottleneck does worse, shown per source length in
 * test-artifacts/seq2seq-bottleneck.svg (+ .json). SEQGRAD_LONG_TESTS=1 trains a larger setup longer.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import "../../src/backend";
import { DatePair, EOS_ID, IdPair, dateTask, seq2seqBatch, seq2seqBatches } from "../../src/data";
import { Hypothesis, greedyDecode } from "../../src/generate";
import { Seq2Seq } from "../../src/models/seq2seq";
import { Adam } from "../../src/optim";
import { manualSeed } from "../../src/tensor";
import { exactMatch, train } from "../../src/train";
import { chartLayout, xyChart } from "../../src/viz/svg/chart";
import { fitAxis } from "../../src/viz/data/axis";
import { svgDocument } from "../../src/viz/svg/document";

const LONG = process.env.SEQGRAD_LONG_TESTS === "1";
const CONFIG = LONG ? { count: 10000, epochs: 5, hiddenSize: 64 } : { count: 5000, epochs: 3, hiddenSize: 32 };
const task = dateTask({ count: CONFIG.count, seed: 0, train: 0.8, valid: 0.1 });
const refs = task.ids.test.map((p) => [...p.tgt, EOS_ID]);
const report: Record<string, unknown> = { config: CONFIG, testPairs: task.test.length };
const byLength: Record<string, Map<number, [number, number]>> = {};

async function fit(attention: "additive" | "none"): Promise<{ hyps: Hypothesis[]; seconds: number }> {
  manualSeed(0);
  const model = new Seq2Seq({
    srcVocabSize: task.srcVocab.size,
    tgtVocabSize: task.tgtVocab.size,
    hiddenSize: CONFIG.hiddenSize,
    embeddingDim: 32,
    cell: "gru",
    bidirectional: true,
    attention,
  });
  const started = Date.now();
  await train({
    model,
    data: (epoch) => seq2seqBatches(task.ids.train, { batchSize: 64, shuffle: epoch, bucket: 4 }),
    optimizer: new Adam(model.parameters(), { lr: 0.01 }),
    loss: (b) => model.loss(b),
    epochs: CONFIG.epochs,
    clip: 5,
  });
  const b = seq2seqBatch(task.ids.test);
  const hyps = greedyDecode(model, b.src, b.srcLengths, { maxLength: 12 });
  const buckets = new Map<number, [number, number]>();
  hyps.forEach((h, i) => {
    const len = (task.ids.test[i] as IdPair).src.length;
    const cell = buckets.get(len) ?? [0, 0];
    cell[0] += exactMatch([h.tokens], [refs[i] ?? []]);
    cell[1] += 1;
    buckets.set(len, cell);
  });
  byLength[attention] = buckets;
  return { hyps, seconds: (Date.now() - started) / 1000 };
}

/** Exact match over the test pairs whose source has at least `min` characters. */
function longest(attention: string, min: number): number {
  let hit = 0;
  let n = 0;
  for (const [len, [h, c]] of byLength[attention] ?? new Map()) {
    if (len < min) continue;
    hit += h;
    n += c;
  }
  return hit / n;
}

describe("date translation", () => {
  it("with additive attention reaches >= 95% exact match on held-out dates, attending to the year digits", async () => {
    const { hyps, seconds } = await fit("additive");
    const exact = exactMatch(hyps.map((h) => h.tokens), refs);
    let right = 0;
    let total = 0;
    hyps.forEach((h, i) => {
      const pair = task.test[i] as DatePair;
      for (let j = 0; j < 4; j++) {
        const row = h.attention[j] ?? [];
        const argmax = row.indexOf(Math.max(...row));
        total++;
        if ((pair.alignment[j] ?? []).includes(argmax)) right++;
      }
    });
    report.attention = { exact, yearDigitAlignment: right / total, trainSeconds: seconds };
    expect(exact).toBeGreaterThanOrEqual(0.95);
    expect(right / total).toBeGreaterThanOrEqual(0.9);
  }, 600_000);

  it("without attention does measurably worse on the longest inputs (the bottleneck)", async () => {
    const { hyps, seconds } = await fit("none");
    const exact = exactMatch(hyps.map((h) => h.tokens), refs);
    const longAttention = longest("additive", 21);
    const longNone = longest("none", 21);
    report.none = { exact, trainSeconds: seconds };
    report.longestInputs = { minSourceLength: 21, attention: longAttention, none: longNone };
    expect(longNone).toBeLessThan(longAttention - 0.2);
  }, 600_000);
});

afterAll(() => {
  const dir = join(__dirname, "../../test-artifacts");
  mkdirSync(dir, { recursive: true });
  const series = [
    { name: "additive attention", key: "additive", color: "#1f77b4" },
    { name: "no attention (bottleneck)", key: "none", color: "#d62728" },
  ].flatMap(({ name, key, color }) => {
    const rows = [...(byLength[key] ?? new Map<number, [number, number]>()).entries()].sort((a, b) => a[0] - b[0]);
    report[`exactByLength_${key}`] = Object.fromEntries(rows.map(([len, [h, c]]) => [len, { exact: h / c, n: c }]));
    return rows.length === 0 ? [] : [{ name, color, mode: "line+markers" as const, x: rows.map((r) => r[0]), y: rows.map(([, [h, c]]) => h / c) }];
  });
  writeFileSync(join(dir, "seq2seq-dates.json"), JSON.stringify(report, null, 2));
  if (series.length === 0) return;
  const title = "Held-out exact match by source length (date translation)";
  const axes = { xAxis: fitAxis("source length (characters + <eos>)", series.flatMap((s) => s.x), "linear"), yAxis: fitAxis("exact match", [0, 1], "linear") };
  const layout = chartLayout({ width: 640, height: 360, title, legend: series, ...axes });
  const chart = xyChart({ at: { x: 0, y: 0 }, layout, title, ...axes, series });
  writeFileSync(join(dir, "seq2seq-bottleneck.svg"), svgDocument(640, 360, chart.svg));
});
