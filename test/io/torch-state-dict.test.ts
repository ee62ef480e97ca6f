import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Tensor, io, nn, tensor } from "../../src";

interface ModuleCase {
  x: number[];
  xShape: number[];
  output: number[];
  outputShape: number[];
  h: number[];
  c?: number[];
  hShape: number[];
  options: { inputSize: number; hiddenSize: number; numLayers: number; bidirectional: boolean; dtype: "float64" };
}

const fixtures = join(__dirname, "..", "fixtures");
const modules = (JSON.parse(readFileSync(join(fixtures, "torch", "safetensors.json"), "utf8")) as { modules: Record<string, ModuleCase> }).modules;

function maxDiff(t: Tensor, want: number[]): number {
  expect(t.numel).toBe(want.length);
  let m = 0;
  for (let i = 0; i < want.length; i++) m = Math.max(m, Math.abs((t.data[i] as number) - (want[i] as number)));
  return m;
}

describe("a state dict PyTorch wrote to safetensors loads by name into the matching seqgrad module", () => {
  for (const fused of [true, false]) {
    it(`nn.LSTM (2 layers, bidirectional, fused ${fused}) gives PyTorch's outputs`, () => {
      const cs = modules.lstm;
      if (cs === undefined) throw new Error("fixture case missing");
      const lstm = new nn.LSTM({ ...cs.options, fused });
      const dict = io.loadSafetensors(join(fixtures, "safetensors", "lstm.safetensors"));
      expect(Object.keys(dict).sort()).toEqual(Object.keys(lstm.stateDict()).sort());
      lstm.loadStateDict(dict);
      const { output, h, c } = lstm.forward(tensor(Float64Array.from(cs.x), { shape: cs.xShape }));
      expect(output.shape).toEqual(cs.outputShape);
      expect(h.shape).toEqual(cs.hShape);
      expect(maxDiff(output, cs.output)).toBeLessThan(1e-10);
      expect(maxDiff(h, cs.h)).toBeLessThan(1e-10);
      expect(maxDiff(c, cs.c ?? [])).toBeLessThan(1e-10);
    });

    it(`nn.GRU (2 layers, bidirectional, fused ${fused}) gives PyTorch's outputs`, () => {
      const cs = modules.gru;
      if (cs === undefined) throw new Error("fixture case missing");
      const gru = new nn.GRU({ ...cs.options, fused });
      gru.loadStateDict(io.loadSafetensors(join(fixtures, "safetensors", "gru.safetensors")));
      const { output, h } = gru.forward(tensor(Float64Array.from(cs.x), { shape: cs.xShape }));
      expect(maxDiff(output, cs.output)).toBeLessThan(1e-10);
      expect(maxDiff(h, cs.h)).toBeLessThan(1e-10);
    });
  }

  it("round-trips a seqgrad module's state dict through a file PyTorch can read", () => {
    const lstm = new nn.LSTM({ inputSize: 3, hiddenSize: 4 });
    const bytes = io.toSafetensorsBytes(lstm.stateDict());
    const other = new nn.LSTM({ inputSize: 3, hiddenSize: 4 });
    other.loadStateDict(io.fromSafetensorsBytes(bytes));
    for (const [name, p] of Object.entries(lstm.stateDict())) expect([...(other.stateDict()[name]?.data ?? [])]).toEqual([...p.data]);
  });

  it("refuses a state dict of another architecture, naming the keys, and loads nothing", () => {
    const gru = new nn.GRU({ inputSize: 3, hiddenSize: 4, numLayers: 2, bidirectional: true, dtype: "float64" });
    const before = gru.stateDict().weight_hh_l0?.data.slice();
    expect(() => gru.loadStateDict(io.loadSafetensors(join(fixtures, "safetensors", "lstm.safetensors")))).toThrow(/weight_hh_l0: expected \[12, 4\], got \[16, 4\]/);
    expect([...(gru.stateDict().weight_hh_l0?.data ?? [])]).toEqual([...(before ?? [])]);
  });
});
