import { describe, expect, it } from "vitest";
import "../../src/backend";
import { withScope } from "../../src/autograd";
import { add, matmul, stack, tanh, transpose } from "../../src/ops";
import { manualSeed, randn, zeros } from "../../src/tensor";
import type { Tensor } from "../../src/tensor";
import * as viz from "../../src/viz";
import type { UnrolledPayload } from "../../src/viz/payloads";

/** A parameter leaf with the name a figure shows. */
function param(shape: number[], name: string): Tensor {
  const p = randn(shape, { requiresGrad: true });
  p.name = name;
  return p;
}

/**
 * h_t = tanh(W_hh h_{t-1} + W_xh x_t + b_h) written with ops, h 1-D [H], x_t 1-D [D]: matmul
 * reshapes h inside the step scope. Only the final h carries a role.
 */
function vectorRnn(T: number, names = { hh: "W_hh", xh: "W_xh", b: "b_h" }): Tensor {
  const H = 4;
  const D = 3;
  const wHh = param([H, H], names.hh);
  const wXh = param([H, D], names.xh);
  const b = param([H], names.b);
  let h = zeros([H]);
  const hs: Tensor[] = [];
  for (let t = 0; t < T; t++) {
    const x = randn([D]);
    withScope({ module: "rnn", step: t }, () => {
      const pre = add(add(matmul(wHh, h), matmul(wXh, x)), b);
      h = withScope({ role: "h" }, () => tanh(pre));
    });
    hs.push(h);
  }
  return stack(hs, 0).sum();
}

/** The same recurrence batched (h [B, H]), with W^T taken inside each step: untagged-role ops. */
function batchedRnn(T: number): Tensor {
  const H = 4;
  const D = 3;
  const wHh = param([H, H], "cell.W_hh");
  const wXh = param([H, D], "cell.W_xh");
  let h = zeros([2, H]);
  const hs: Tensor[] = [];
  for (let t = 0; t < T; t++) {
    const x = randn([2, D]);
    withScope({ module: "cell", step: t }, () => {
      const a = matmul(h, transpose(wHh, 0, 1));
      const u = matmul(x, transpose(wXh, 0, 1));
      h = withScope({ role: "h" }, () => tanh(add(a, u)));
    });
    hs.push(h);
  }
  return stack(hs, 0).sum();
}

function recurrent(p: UnrolledPayload): UnrolledPayload["edges"] {
  return p.edges.filter((e) => e.kind === "recurrent");
}

describe("viz.unrolled on hand-written recurrences", () => {
  it("labels h_{t-1} -> h_t with W_hh when matmul reshapes a 1-D h inside the step", () => {
    manualSeed(11);
    const p = viz.unrolled(vectorRnn(4)).payload;
    const edges = recurrent(p);
    expect(edges).toHaveLength(3);
    for (const e of edges) expect(e.parameters).toEqual(["W_hh"]);
    const input = p.edges.filter((e) => e.kind === "input");
    expect(input).toHaveLength(4);
    for (const e of input) expect(e.parameters).toEqual(["W_xh"]);
  });

  it("labels h_{t-1} -> h_t with W_hh through intermediate ops tagged { module, step } without a role", () => {
    manualSeed(12);
    const p = viz.unrolled(batchedRnn(3)).payload;
    const edges = recurrent(p);
    expect(edges).toHaveLength(2);
    for (const e of edges) expect(e.parameters).toEqual(["cell.W_hh"]);
  });

  it("puts each parameter on the edge it multiplies even when names do not say which is which", () => {
    manualSeed(13);
    const p = viz.unrolled(vectorRnn(3, { hh: "U", xh: "W", b: "b" })).payload;
    for (const e of recurrent(p)) expect(e.parameters).toEqual(["U", "b"]);
    for (const e of p.edges.filter((e) => e.kind === "input")) expect(e.parameters).toEqual(["W", "b"]);
  });
});
