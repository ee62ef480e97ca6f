import { describe, expect, it } from "vitest";
import type { Tensor } from "../../src";
import { TorchCase, caseLabel, loadCases, maxExcess, runCase } from "./torch-case";

const GROUPS = ["rnn_tanh", "rnn_relu", "rnn_lstm", "rnn_gru", "rnn_lengths", "rnn_cells"];

/** Compares one run with the PyTorch fixture: outputs, final states, every gradient. */
function expectMatch(c: TorchCase, dtype: "float32" | "float64", fused: boolean): void {
  const [atol, rtol] = dtype === "float64" ? [1e-8, 1e-8] : [1e-4, 1e-4];
  const run = runCase(c, dtype, fused);
  const check = (name: string, actual: Tensor | null | undefined, expected: number[] | undefined): void => {
    if (expected === undefined) return;
    expect(actual, `${name} is missing`).toBeTruthy();
    if (actual === null || actual === undefined) return;
    expect(maxExcess(actual.data, expected, rtol), `${name} differs from PyTorch`).toBeLessThanOrEqual(atol);
  };
  if (c.outputShape !== undefined) expect(run.output?.shape).toEqual(c.outputShape);
  expect(run.h.shape).toEqual(c.hShape);
  check("output", run.output, c.output);
  check("h", run.h, c.h);
  check("c", run.c, c.c);
  for (const [name, g] of Object.entries(c.grads)) check(`grad of ${name}`, run.grads[name], g);
  expect(Object.keys(run.grads).sort()).toEqual(Object.keys(c.grads).sort());
}

for (const group of GROUPS) {
  describe(`PyTorch parity of ${group}`, () => {
    for (const c of loadCases(group)) {
      const label = caseLabel(c);
      it(`fused float64 matches for ${label}`, () => expectMatch(c, "float64", true));
      it(`composed float64 matches for ${label}`, () => expectMatch(c, "float64", false));
      it(`fused float32 matches for ${label}`, () => expectMatch(c, "float32", true));
      it(`composed float32 matches for ${label}`, () => expectMatch(c, "float32", false));
    }
  });
}
