import { describe, expect, it } from "vitest";
import "../../src/backend";
import { DTypeError, OutOfMemoryError, ShapeError, ValueError } from "../../src/errors";
import { nn } from "../../src";
import { expand } from "../../src/ops";
import { Tensor, arange, full, ones, randn, tensor, zeros } from "../../src/tensor";

describe("tensor creation rejects what it cannot hold", () => {
  it("rejects negative and fractional shapes (they were accepted)", () => {
    expect(() => tensor(new Float32Array(4), { shape: [-2, -2] })).toThrow(/^tensor: sizes must be non-negative integers; got \[-2, -2\]/);
    expect(() => zeros([1.5, 2])).toThrow(/^zeros: sizes must be non-negative integers/);
    expect(() => new Tensor(new Float32Array(0), [-1, 0])).toThrow(/^Tensor: sizes must be non-negative integers/);
    expect(() => ones(5 as unknown as number[])).toThrow(/^ones: shape must be an array of sizes; got 5/);
  });

  it("refuses int32 values it would wrap or truncate (3e9 became -1294967296)", () => {
    expect(() => tensor([3e9], { dtype: "int32" })).toThrow(/^tensor: int32 values must be integers in \[-2\^31, 2\^31 - 1\]; got 3000000000 at index 0/);
    expect(() => tensor([1.5], { dtype: "int32" })).toThrow(ValueError);
    expect(() => tensor(new Float64Array([NaN]), { dtype: "int32" })).toThrow(ValueError);
    expect(() => full([2], NaN, { dtype: "int32" })).toThrow(/^full: int32 values/);
    expect(Array.from(tensor([-(2 ** 31), 2 ** 31 - 1], { dtype: "int32" }).data)).toEqual([-(2 ** 31), 2 ** 31 - 1]);
  });

  it("does not report a Uint8Array as int32; with a dtype it converts", () => {
    expect(() => tensor(new Uint8Array([1, 2]) as unknown as Int32Array)).toThrow(DTypeError);
    expect(() => new Tensor(new Uint8Array([1, 2]) as unknown as Int32Array, [2])).toThrow(/^Tensor: data must be a Float32Array, Float64Array or Int32Array; got Uint8Array/);
    const t = tensor(new Uint8Array([1, 2]) as unknown as Int32Array, { dtype: "int32" });
    expect(t.dtype).toBe("int32");
    expect(t.data).toBeInstanceOf(Int32Array);
  });

  it("reports sizes beyond memory as seqgrad errors with the bytes asked for (they were bare RangeErrors)", () => {
    expect(() => zeros([1e6, 1e6])).toThrow(/^zeros: out of memory; 1000000000000 float32 elements need 4000000000000 bytes/);
    expect(() => randn([1e5, 1e5])).toThrow(ValueError);
  });

  it("names the module, its arguments and the size when a module's parameters do not fit (it said allocate)", () => {
    expect(() => new nn.LSTM({ inputSize: 1, hiddenSize: 1e6 })).toThrow(
      /^LSTM: out of memory building its parameters; LSTM\(\{ inputSize: 1, hiddenSize: 1000000 \}\) asks for a float32 tensor \[4000000, 1000000\] of 4000000000000 elements, 16000000000000 bytes \(14\.6 TiB\)/,
    );
    expect(() => new nn.Linear(1e5, 1e5, { bias: false })).toThrow(
      /^Linear: out of memory building its parameters; Linear\(100000, 100000, \{ bias: false \}\) asks for a float32 tensor \[100000, 100000\] of 10000000000 elements, 40000000000 bytes \(37\.3 GiB\)/,
    );
    expect(() => new nn.Embedding(1e9, 64, { dtype: "float64" })).toThrow(/^Embedding: out of memory building its parameters; Embedding\(1000000000, 64, \{ dtype: "float64" \}\) asks for a float64 tensor \[1000000000, 64\]/);
    expect(() => new nn.MultiheadAttention({ embedDim: 1e6, numHeads: 1 })).toThrow(/^MultiheadAttention: out of memory building its parameters; MultiheadAttention\(\{ embedDim: 1000000, numHeads: 1 \}\) asks for a float32 tensor \[3000000, 1000000\]/);
    expect(() => new nn.GRUCell({ inputSize: 2, hiddenSize: 1e6 })).toThrow(/^GRUCell: out of memory building its parameters; GRUCell\(\{ inputSize: 2, hiddenSize: 1000000 \}\)/);
  });

  it("names the model, its arguments and the part that asked when a model's part does not fit", () => {
    expect(() => new nn.RNNLM({ vocabSize: 1e9, hiddenSize: 100 })).toThrow(
      /^RNNLM: out of memory building its parts; RNNLM\(\{ vocabSize: 1000000000, hiddenSize: 100 \}\) builds Embedding\(1000000000, 100, \{ dtype: "float32" \}\), which asks for a float32 tensor \[1000000000, 100\] of 100000000000 elements, 400000000000 bytes \(372\.5 GiB\)/,
    );
    expect(() => new nn.Seq2Seq({ srcVocabSize: 8, tgtVocabSize: 8, hiddenSize: 1e6 })).toThrow(/^Seq2Seq: out of memory building its parts; Seq2Seq\(\{ srcVocabSize: 8, tgtVocabSize: 8, hiddenSize: 1000000 \}\) builds /);
    expect(() => new nn.TransformerEncoderLayer({ dModel: 4, nhead: 2, dimFeedforward: 1e10 })).toThrow(/^TransformerEncoderLayer: out of memory building its parts; .* builds Linear\(4, 10000000000, \{ dtype: "float32" \}\)/);
    expect(() => new nn.RNNLM({ vocabSize: 1e9, hiddenSize: 100 })).toThrow(OutOfMemoryError);
  });

  it("raises seqgrad errors for arange to Infinity and expand to a negative size", () => {
    expect(() => arange(0, Infinity)).toThrow(/^arange: start and end must be finite numbers/);
    expect(() => expand(zeros([1, 3]), [-2, 3])).toThrow(ShapeError);
  });

  it("rejects unknown options of creation functions", () => {
    expect(() => zeros([2], { dtpye: "int32" } as never)).toThrow(/^zeros: unknown option "dtpye"/);
    expect(() => randn([2], { seed: 1 } as never)).toThrow(/^randn: unknown option "seed"/);
  });
});
