import { describe, expect, it } from "vitest";
import { manualSeed, optim, randn } from "../../src";

describe("Adam's plain loop and its general loop", () => {
  for (const dtype of ["float32", "float64"] as const) {
    it(`agree in ${dtype}: plain Adam on g follows maximize on -g over 5 steps`, () => {
      manualSeed(31);
      const start = randn([300], { dtype });
      const plain = start.clone().requiresGrad_();
      const general = start.clone().requiresGrad_();
      const a = new optim.Adam([plain], { lr: 0.01 });
      const b = new optim.Adam([general], { lr: 0.01, maximize: true });
      for (let step = 0; step < 5; step++) {
        const g = randn([300], { dtype });
        plain.grad = g;
        general.grad = g.neg();
        a.step();
        b.step();
      }
      const tol = dtype === "float32" ? 1e-6 : 1e-14;
      for (let i = 0; i < 300; i++) expect(Math.abs((plain.data[i] as number) - (general.data[i] as number))).toBeLessThan(tol);
      expect(plain.data[0]).not.toBe(start.data[0]);
    });
  }
});
