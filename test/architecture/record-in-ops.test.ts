import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { CELLS } from "../../src/nn/recurrent/cells";

const SRC = join(__dirname, "..", "..", "src");

/** Every .ts file under `dir`. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith(".ts") ? [path] : [];
  });
}

describe("the layout of the library", () => {
  it("records graph nodes (record calls) only in src/ops and src/autograd", () => {
    const outside = sources(SRC)
      .map((path) => relative(SRC, path).split("\\").join("/"))
      .filter((path) => !/^(ops|autograd)\//.test(path))
      .filter((path) => /\brecord\(/.test(readFileSync(join(SRC, path), "utf8")));
    expect(outside).toEqual([]);
  });

  it("gives every recurrent cell kind a spec whose gates fit its blocks", () => {
    for (const [kind, spec] of Object.entries(CELLS)) {
      expect(spec.kind, kind).toBe(kind);
      expect(spec.gates.length, kind).toBeLessThanOrEqual(spec.blocks);
      for (const g of spec.gates) expect(g.gate.block, `${kind} ${g.role}`).toBeLessThan(spec.blocks);
      if (spec.fused !== null) expect(spec.fused.blocks, kind).toBe(spec.blocks);
      if (spec.fused !== null) expect(spec.fused.cellState, kind).toBe(spec.cellState);
    }
  });
});
