import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { io, manualSeed, randn, tensor, zeros } from "../../src";

const fixtures = join(__dirname, "..", "fixtures");
const expected = JSON.parse(readFileSync(join(fixtures, "torch", "safetensors.json"), "utf8")) as {
  record: Record<string, { shape: number[]; values: number[] }>;
};
const dir = mkdtempSync(join(tmpdir(), "seqgrad-io-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A safetensors file from a header (object or raw text) and data bytes. */
function build(header: object | string, data: Uint8Array = new Uint8Array(0), headerLength?: bigint): Uint8Array {
  const text = new TextEncoder().encode(typeof header === "string" ? header : JSON.stringify(header));
  const out = new Uint8Array(8 + text.length + data.length);
  new DataView(out.buffer).setBigUint64(0, headerLength ?? BigInt(text.length), true);
  out.set(text, 8);
  out.set(data, 8 + text.length);
  return out;
}

function f32Bytes(values: number[]): Uint8Array {
  return new Uint8Array(new Float32Array(values).buffer);
}

describe("safetensors round trips", () => {
  it("keeps float32, float64 and int32 tensors bit for bit, with metadata", () => {
    manualSeed(0);
    const record = {
      "rnn.weight_ih_l0": randn([8, 3]),
      "rnn.bias": randn([8], { dtype: "float64" }),
      ids: tensor([[1, -2, 3]], { dtype: "int32" }),
      scalar: tensor(Float32Array.from([2.5]), { shape: [] }),
      empty: zeros([0, 4]),
    };
    const path = join(dir, "round.safetensors");
    io.saveSafetensors(path, record, { metadata: { note: "hi" } });
    const back = io.loadSafetensors(path);
    expect(Object.keys(back).sort()).toEqual(Object.keys(record).sort());
    for (const [name, t] of Object.entries(record)) {
      const b = back[name];
      expect(b?.dtype).toBe(t.dtype);
      expect(b?.shape).toEqual(t.shape);
      expect([...(b?.data ?? [])]).toEqual([...t.data]);
    }
    expect(io.parseSafetensors(readFileSync(path)).metadata).toEqual({ note: "hi" });
  });

  it("writes int32 as I64 on request and reads it back as int32", () => {
    const bytes = io.toSafetensorsBytes(new Map([["ids", tensor([7, -1], { dtype: "int32" })]]), { int64: true });
    const header = new TextDecoder().decode(bytes.subarray(8, 8 + Number(new DataView(bytes.buffer).getBigUint64(0, true))));
    expect(JSON.parse(header).ids).toEqual({ dtype: "I64", shape: [2], data_offsets: [0, 16] });
    expect([...(io.fromSafetensorsBytes(bytes).ids?.data ?? [])]).toEqual([7, -1]);
  });

  it("pads the header to 8 bytes so every tensor is aligned", () => {
    const bytes = io.toSafetensorsBytes({ a: tensor([1], { dtype: "float64" }), b: tensor([1, 2, 3]) });
    expect(Number(new DataView(bytes.buffer).getBigUint64(0, true)) % 8).toBe(0);
  });

  it("reads a file written by hand from PyTorch tensors (F32, F64, I64, I32, empty)", () => {
    const contents = io.parseSafetensors(readFileSync(join(fixtures, "safetensors", "record.safetensors")));
    expect(contents.metadata.source).toMatch(/^torch /);
    const dtypes: Record<string, string> = { weight: "float32", bias: "float64", token_ids: "int32", counts: "int32", empty: "float32" };
    for (const [name, want] of Object.entries(expected.record)) {
      const t = contents.tensors[name];
      expect(t?.shape).toEqual(want.shape);
      expect(t?.dtype).toBe(dtypes[name]);
      expect([...(t?.data ?? [])]).toEqual(want.values);
    }
  });

  it("widens F16, BF16, I8, U8 and BOOL", () => {
    const data = new Uint8Array([0x00, 0x3c, 0x00, 0xc0, 0x80, 0x3f, 0x40, 0xc0, 0xff, 0x7f, 0xff, 0x01, 0x00]);
    const header = {
      h: { dtype: "F16", shape: [2], data_offsets: [0, 4] },
      b: { dtype: "BF16", shape: [2], data_offsets: [4, 8] },
      i: { dtype: "I8", shape: [2], data_offsets: [8, 10] },
      u: { dtype: "U8", shape: [1], data_offsets: [10, 11] },
      z: { dtype: "BOOL", shape: [2], data_offsets: [11, 13] },
    };
    const t = io.fromSafetensorsBytes(build(header, data));
    expect([...(t.h?.data ?? [])]).toEqual([1, -2]);
    expect([...(t.b?.data ?? [])]).toEqual([1, -3]);
    expect([...(t.i?.data ?? [])]).toEqual([-1, 127]);
    expect([...(t.u?.data ?? [])]).toEqual([255]);
    expect([...(t.z?.data ?? [])]).toEqual([1, 0]);
  });
});

describe("malformed safetensors files give a SafetensorsError saying what is wrong", () => {
  const ok = { a: { dtype: "F32", shape: [2], data_offsets: [0, 8] } };
  const two = f32Bytes([1, 2]);
  const cases: Array<[string, () => Uint8Array, string, RegExp]> = [
    ["a file shorter than 8 bytes", () => new Uint8Array(5), "header-length", /file too short for the 8-byte header length; expected at least 8 bytes, got 5/],
    ["a header length of 0", () => build("", two, 0n), "header-length", /bad header length; expected 1 to \d+ bytes .* got 0/],
    ["a header length past the end of the file", () => build(ok, two, 1000n), "header-length", /bad header length; expected 1 to 62 bytes \(file is 70 bytes\), got 1000/],
    ["a header that is not JSON", () => build("{not json", two), "header-json", /header is not valid JSON/],
    ["a header that is not an object", () => build("[1, 2]", two), "header-json", /header must be a JSON object starting with "\{"/],
    ["an unknown dtype", () => build({ a: { dtype: "Q4", shape: [2], data_offsets: [0, 8] } }, two), "dtype", /tensor "a" has unknown or unsupported dtype "Q4"; expected one of F64, F32/],
    ["a negative size in a shape", () => build({ a: { dtype: "F32", shape: [-2], data_offsets: [0, 8] } }, two), "entry", /tensor "a" has a bad shape/],
    ["offsets that disagree with dtype and shape", () => build({ a: { dtype: "F32", shape: [3], data_offsets: [0, 8] } }, two), "offsets", /tensor "a" F32 \[3\] needs 12 bytes; data_offsets \[0, 8\] hold 8/],
    ["offsets out of order (end before begin)", () => build({ a: { dtype: "F32", shape: [0], data_offsets: [8, 0] } }, two), "offsets", /data_offsets out of order; expected begin <= end, got \[8, 0\]/],
    ["offsets beyond the data", () => build({ a: { dtype: "F32", shape: [4], data_offsets: [0, 16] } }, two), "truncated", /data section is truncated; the header needs 16 bytes of data, the file has 8/],
    ["overlapping tensors", () => build({ a: { dtype: "F32", shape: [2], data_offsets: [0, 8] }, b: { dtype: "F32", shape: [1], data_offsets: [4, 8] } }, two), "overlap", /tensor "b" at bytes \[4, 8\) overlaps "a", which ends at 8/],
    ["a hole between tensors", () => build({ a: { dtype: "F32", shape: [1], data_offsets: [0, 4] }, b: { dtype: "F32", shape: [0], data_offsets: [8, 8] } }, two), "gap", /tensor "b" starts at byte 8; expected 4, where "a" ends/],
    ["a first tensor that does not start at 0", () => build({ a: { dtype: "F32", shape: [1], data_offsets: [4, 8] } }, two), "gap", /starts at byte 4; expected 0, where the data section begins/],
    ["bytes no tensor covers", () => build({ a: { dtype: "F32", shape: [1], data_offsets: [0, 4] } }, two), "trailing", /4 bytes no tensor covers; expected 4 bytes, got 8/],
    ["I64 values outside int32", () => build({ a: { dtype: "I64", shape: [1], data_offsets: [0, 8] } }, new Uint8Array([0, 0, 0, 0, 1, 0, 0, 0])), "value-range", /tensor "a" holds I64 value 4294967296 at flat index 0, outside int32/],
    ["metadata that is not all strings", () => build({ __metadata__: { n: 3 }, ...ok }, two), "entry", /"__metadata__" value of "n" must be a string; got 3/],
  ];
  for (const [what, make, problem, message] of cases) {
    it(`rejects ${what}`, () => {
      let caught: unknown;
      try {
        io.fromSafetensorsBytes(make());
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(io.SafetensorsError);
      expect((caught as InstanceType<typeof io.SafetensorsError>).problem).toBe(problem);
      expect((caught as Error).message).toMatch(/^loadSafetensors: /);
      expect((caught as Error).message).toMatch(message);
    });
  }

  it("rejects a real file cut short", () => {
    const full = readFileSync(join(fixtures, "safetensors", "lstm.safetensors"));
    expect(() => io.fromSafetensorsBytes(full.subarray(0, full.length - 3))).toThrow(/data section is truncated/);
  });

  it("rejects tensors that cannot be written", () => {
    const typo: Record<string, boolean> = { int_64: true };
    expect(() => io.toSafetensorsBytes({ a: tensor([1]) }, typo)).toThrow(/toSafetensorsBytes: unknown option "int_64"/);
    expect(() => io.toSafetensorsBytes({ __metadata__: tensor([1]) })).toThrow(/"__metadata__" is reserved/);
  });
});
