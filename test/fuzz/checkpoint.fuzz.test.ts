/**
 * Checkpoint fuzzing: random corruptions of a real checkpoint file, crafted tensor names
 * (`__proto__`, `constructor`, `prototype`) and SIGKILL during saves. Every load either succeeds
 * or throws a seqgrad error; a failed load leaves the model as it was and nothing outside it
 * (Object.prototype) changed; after a killed save the previous checkpoint still loads.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { SeqgradError, io, manualSeed, nn, optim } from "../../src";

const RUNS = Number(process.env["FUZZ_RUNS"] ?? 150);
const dir = mkdtempSync(join(tmpdir(), "seqgrad-ckpt-fuzz-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function model(): nn.Linear {
  manualSeed(3);
  return new nn.Linear(3, 2);
}

function weights(m: nn.Module): number[] {
  return m.parameters().flatMap((p) => Array.from(p.data));
}

describe("fuzz: corrupted and crafted checkpoints", () => {
  const source = model();
  const opt = new optim.Adam(source.parameters(), { lr: 0.1 });
  source.weight.grad = source.weight.clone();
  const bias = source.bias;
  if (bias !== null) bias.grad = bias.clone();
  opt.step();
  const good = join(dir, "good.safetensors");
  io.saveCheckpoint(good, { model: source, optimizer: opt, step: 7, extra: { note: "x" } });
  const bytes = new Uint8Array(readFileSync(good));

  const corruption = fc.oneof(
    fc.record({ kind: fc.constant("flip" as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
    fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
    fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), text: fc.constantFrom("__proto__", "constructor", "prototype", '"', "{", "\ufeff", "1e300") }),
  );

  function corrupt(c: { kind: string; at: number; value?: number; text?: string }): Uint8Array {
    const at = c.at % bytes.length;
    if (c.kind === "flip") {
      const out = bytes.slice();
      out[at] = c.value ?? 0;
      return out;
    }
    if (c.kind === "truncate") return bytes.slice(0, at);
    const ins = new TextEncoder().encode(c.text ?? "");
    const out = new Uint8Array(bytes.length + ins.length);
    out.set(bytes.subarray(0, at));
    out.set(ins, at);
    out.set(bytes.subarray(at), at + ins.length);
    return out;
  }

  it("a corrupted file loads or throws a seqgrad error, never changes a model it rejects", () => {
    let rejected = 0;
    fc.assert(
      fc.property(fc.array(corruption, { minLength: 1, maxLength: 3 }), (cs) => {
        let data: Uint8Array = bytes;
        for (const c of cs) data = corrupt(c);
        const path = join(dir, "bad.safetensors");
        writeFileSync(path, data);
        const target = new nn.Linear(3, 2);
        const before = weights(target);
        try {
          io.loadCheckpoint(path, { model: target, rng: false });
        } catch (e) {
          rejected++;
          expect(e).toBeInstanceOf(SeqgradError);
          expect(weights(target)).toEqual(before);
        }
        expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain("dtype");
        expect(({} as Record<string, unknown>)["0"]).toBeUndefined();
      }),
      { numRuns: RUNS, seed: 15 },
    );
    expect(rejected).toBeGreaterThan(RUNS / 2);
  });

  it("crafted names under model. and optimizer. never reach Object.prototype", () => {
    const segment = fc.constantFrom("__proto__", "constructor", "prototype", "0", "weight", "exp_avg", "");
    fc.assert(
      fc.property(fc.constantFrom("model.", "optimizer.", ""), fc.array(segment, { minLength: 1, maxLength: 3 }), (prefix, parts) => {
        const name = prefix + parts.join(".");
        const header = JSON.stringify({ __metadata__: { format: "seqgrad-checkpoint", version: "1", step: "1" } }).slice(0, -1) + `, ${JSON.stringify(name)}: {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]}}`;
        const json = new TextEncoder().encode(header);
        const file = new Uint8Array(8 + json.length + 4);
        new DataView(file.buffer).setBigUint64(0, BigInt(json.length), true);
        file.set(json, 8);
        const path = join(dir, "crafted.safetensors");
        writeFileSync(path, file);
        const target = new nn.Linear(1, 1);
        const before = weights(target);
        try {
          io.loadCheckpoint(path, { model: target, rng: false });
        } catch (e) {
          expect(e).toBeInstanceOf(SeqgradError);
          expect(weights(target)).toEqual(before);
        }
        const leaked = ["dtype", "shape", "0", "weight", "exp_avg", ""].filter((key) => Object.prototype.hasOwnProperty.call(Object.prototype, key));
        expect(leaked).toEqual([]);
      }),
      { numRuns: Math.min(RUNS, 100), seed: 15 },
    );
  });
});

describe("fuzz: SIGKILL during saves", () => {
  it("the previous checkpoint always loads, and the next save removes what the killed one left", async () => {
    const built = resolve(__dirname, "../../dist/index.js");
    expect(existsSync(built), "the library must be built (npm run build) for this test").toBe(true);
    const path = join(dir, "killed.safetensors");
    const saver = `
      const s = require(${JSON.stringify(built)});
      const m = new s.nn.Linear(256, 256);
      for (let step = 1; ; step++) { s.init.constant_(m.weight, step); s.io.saveCheckpoint(${JSON.stringify(path)}, { model: m, step }); }
    `;
    const kills = 8;
    for (let k = 0; k < kills; k++) {
      const child = spawn(process.execPath, ["-e", saver], { stdio: "ignore" });
      // wait for the saver's first checkpoint (loading the library takes a while), then kill it
      // at a different moment of its save loop each time
      for (let waited = 0; !existsSync(path) && waited < 30_000; waited += 20) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 30 + ((k * 37) % 90)));
      child.kill("SIGKILL");
      await new Promise((r) => child.once("exit", r));
      if (!existsSync(path)) continue;
      const target = new nn.Linear(256, 256);
      const { step } = io.loadCheckpoint(path, { model: target, rng: false });
      expect(step).toBeGreaterThan(0);
      expect(target.weight.data[0]).toBe(step);
      expect(target.weight.data[target.weight.numel - 1]).toBe(step);
    }
    expect(existsSync(path)).toBe(true);
    io.saveCheckpoint(path, { model: new nn.Linear(1, 1) });
    expect(readdirSync(dir).filter((f) => f.startsWith(".killed.safetensors.tmp-"))).toEqual([]);
  }, 60_000);
});
