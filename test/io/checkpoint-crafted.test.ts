import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { IOError, Tensor, ValueError, io, manualSeed, nn, optim, zeros } from "../../src";

const dir = mkdtempSync(join(tmpdir(), "seqgrad-crafted-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A safetensors file from a header object and raw data bytes. */
function rawFile(header: string, data = new Uint8Array(0)): Uint8Array {
  const json = new TextEncoder().encode(header);
  const out = new Uint8Array(8 + json.length + data.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  out.set(data, 8 + json.length);
  return out;
}

function checkpointHeader(names: string[], meta: Record<string, string> = {}): string {
  const entries = names.map((n, i) => `${JSON.stringify(n)}: {"dtype": "F32", "shape": [1], "data_offsets": [${4 * i}, ${4 * i + 4}]}`);
  const metadata = JSON.stringify({ format: "seqgrad-checkpoint", version: "1", step: "1", ...meta });
  return `{"__metadata__": ${metadata}, ${entries.join(", ")}}`;
}

function write(name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

function weights(model: nn.Module): number[] {
  return model.parameters().flatMap((p) => Array.from(p.data));
}

describe("crafted checkpoints", () => {
  it.each(["optimizer.__proto__.dtype", "optimizer.0.__proto__", "optimizer.constructor.x", "model.__proto__", "__proto__", "prototype"])(
    "a tensor named %s changes nothing outside what it loads",
    (name) => {
      const path = write("crafted.safetensors", rawFile(checkpointHeader([name]), new Uint8Array(4)));
      try {
        io.loadCheckpoint(path);
      } catch (e) {
        expect(e).toBeInstanceOf(ValueError);
      }
      expect(({} as Record<string, unknown>).dtype).toBeUndefined();
      expect(Object.prototype).not.toHaveProperty("dtype");
      expect(zeros([2]).shape).toEqual([2]);
      expect(new nn.Linear(2, 2).weight.shape).toEqual([2, 2]);
    },
  );

  it("a tensor named __proto__ loads and saves like any other (it vanished on load and broke the saved file)", () => {
    const record: Record<string, Tensor> = Object.create(null);
    record["__proto__"] = new Tensor(new Float32Array([7]), [1]);
    const path = join(dir, "proto.safetensors");
    io.saveSafetensors(path, record);
    const back = io.loadSafetensors(path);
    expect(Object.keys(back)).toEqual(["__proto__"]);
    expect(Array.from((back["__proto__"] as Tensor).data)).toEqual([7]);
  });

  it("a name that is not well-formed UTF-16 cannot be saved (it would not round-trip)", () => {
    const record = { ["a\ud800"]: zeros([1]) };
    expect(() => io.toSafetensorsBytes(record)).toThrow(/^toSafetensorsBytes: tensor names must be well-formed UTF-16/);
  });

  it.each([
    ["rng", "null"],
    ["rng", "[1, 2]"],
    ["rng", "{"],
    ["step", "Infinity"],
    ["extra", "[]"],
    ["extra", "not json"],
    ["optimizer", '{"paramGroups": 3}'],
  ])("metadata %s = %s fails before the model changes (rng null used to throw after the weights were written)", (key, value) => {
    manualSeed(1);
    const model = new nn.Linear(2, 1);
    const good = join(dir, "good.safetensors");
    io.saveCheckpoint(good, { model });
    const bytes = readFileSync(good);
    const n = Number(new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0, true));
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n))) as { __metadata__: Record<string, string> };
    header.__metadata__[key] = value;
    const path = write("bad-meta.safetensors", rawFile(JSON.stringify(header), bytes.subarray(8 + n)));
    const target = new nn.Linear(2, 1);
    const before = weights(target);
    expect(() => io.loadCheckpoint(path, { model: target })).toThrow(ValueError);
    expect(() => io.loadCheckpoint(path, { model: target })).toThrow(new RegExp(`^loadCheckpoint: ${path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} has`));
    expect(weights(target)).toEqual(before);
  });

  it("a missing file and a folder are IOErrors naming the path", () => {
    const missing = join(dir, "missing.safetensors");
    expect(() => io.loadCheckpoint(missing)).toThrow(IOError);
    expect(() => io.loadCheckpoint(missing)).toThrow(`loadCheckpoint: cannot read ${missing}; expected a file, got an error (no such file)`);
    const folder = join(dir, "folder.safetensors");
    mkdirSync(folder, { recursive: true });
    expect(() => io.loadSafetensors(folder)).toThrow(`loadSafetensors: cannot read ${folder}; expected a file, got an error (it is a folder)`);
  });

  it("a header starting with a byte-order mark and a shape [1e300, 0] are rejected", () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('{"a": {"dtype": "F32", "shape": [0], "data_offsets": [0, 0]}}')]);
    const withBom = new Uint8Array(8 + bom.length);
    new DataView(withBom.buffer).setBigUint64(0, BigInt(bom.length), true);
    withBom.set(bom, 8);
    expect(() => io.parseSafetensors(withBom)).toThrow(/header must be a JSON object starting with "\{"/);
    const huge = rawFile('{"a": {"dtype": "F32", "shape": [1e300, 0], "data_offsets": [0, 0]}}');
    expect(() => io.parseSafetensors(huge)).toThrow(/tensor "a" has a bad shape/);
  });

  it("the next save removes the temporary files a killed save left behind", () => {
    const path = join(dir, "tmp-clean.safetensors");
    const dead = 2 ** 22 + 12345; // above Linux's default pid_max: no such process
    writeFileSync(join(dir, `.tmp-clean.safetensors.tmp-${dead}-1-0`), "partial");
    writeFileSync(join(dir, `.tmp-clean.safetensors.tmp-${process.pid}-1-0`), "ours, in flight");
    io.saveCheckpoint(path, { model: new nn.Linear(1, 1) });
    const left = readdirSync(dir).filter((f) => f.startsWith(".tmp-clean"));
    expect(left).toEqual([`.tmp-clean.safetensors.tmp-${process.pid}-1-0`]);
  });

  it("an optimizer restore that fails leaves model and optimizer as they were", () => {
    manualSeed(2);
    const model = new nn.Linear(2, 2);
    const opt = new optim.SGD(model.parameters(), { lr: 0.1, momentum: 0.9 });
    const path = join(dir, "opt.safetensors");
    io.saveCheckpoint(path, { model, optimizer: opt });
    const other = new nn.Linear(2, 2);
    const before = weights(other);
    const adam = new optim.Adam(other.parameters(), { lr: 0.1 });
    const wrong = new optim.SGD([other.weight], { lr: 0.1 });
    expect(() => io.loadCheckpoint(path, { model: other, optimizer: wrong })).toThrow();
    expect(weights(other)).toEqual(before);
    expect(adam.stateDict().paramGroups[0]?.lr).toBe(0.1);
  });
});
