import { describe, expect, it } from "vitest";
import { manualSeed, mimeBundle, nn, randn, tensor, zeros } from "../../src";

class CharLM extends nn.Module {
  emb = new nn.Embedding(65, 64);
  rnn = new nn.LSTM({ inputSize: 64, hiddenSize: 256, batchFirst: true });
  head = new nn.Linear(256, 65);
}

class Encoder extends nn.Module {
  rnn = new nn.GRU({ inputSize: 3, hiddenSize: 4, bidirectional: true });
}

class Seq2Seq extends nn.Module {
  encoder = new Encoder();
  layers = [new nn.Linear(8, 2), new nn.Dropout(0.1)];
}

describe("Module", () => {
  it("names parameters with PyTorch's dotted names in registration order", () => {
    const names = new Seq2Seq().namedParameters().map(([n]) => n);
    expect(names).toEqual([
      "encoder.rnn.weight_ih_l0",
      "encoder.rnn.weight_hh_l0",
      "encoder.rnn.bias_ih_l0",
      "encoder.rnn.bias_hh_l0",
      "encoder.rnn.weight_ih_l0_reverse",
      "encoder.rnn.weight_hh_l0_reverse",
      "encoder.rnn.bias_ih_l0_reverse",
      "encoder.rnn.bias_hh_l0_reverse",
      "layers.0.weight",
      "layers.0.bias",
    ]);
  });

  it("gives each parameter its dotted name and each module its path", () => {
    const m = new Seq2Seq();
    m.namedParameters();
    expect(m.encoder.rnn.parameters()[0]?.name).toBe("encoder.rnn.weight_ih_l0");
    expect(m.encoder.rnn.path).toBe("encoder.rnn");
    expect(new nn.LSTM({ inputSize: 1, hiddenSize: 1 }).path).toBe("lstm");
  });

  it("names Sequential children 0, 1, ... and chains their forward", () => {
    manualSeed(0);
    const mlp = new nn.Sequential(new nn.Linear(4, 8), new nn.Dropout(0.5), new nn.Linear(8, 2));
    expect(Object.keys(mlp.stateDict())).toEqual(["0.weight", "0.bias", "2.weight", "2.bias"]);
    mlp.eval();
    const x = randn([3, 4]);
    const first = mlp.at(0) as nn.Linear;
    const last = mlp.at(2) as nn.Linear;
    expect(Array.from(mlp.forward(x).data)).toEqual(Array.from(last.forward(first.forward(x)).data));
    expect(mlp.length).toBe(3);
  });

  it("counts parameters as PyTorch does", () => {
    expect(new nn.LSTM({ inputSize: 64, hiddenSize: 256 }).numParameters()).toBe(329728);
    expect(new CharLM().numParameters()).toBe(65 * 64 + 329728 + 256 * 65 + 65);
    const frozen = new nn.Linear(3, 2);
    frozen.weight.requiresGrad = false;
    expect(frozen.numParameters(true)).toBe(2);
  });

  it("counts a shared parameter once", () => {
    const m = new nn.Module();
    const lin = new nn.Linear(2, 2);
    Object.assign(m, { a: lin, b: lin });
    expect(m.parameters().length).toBe(2);
  });

  it("prints a PyTorch-like summary and displays it in notebooks", () => {
    const text = new CharLM().toString();
    expect(text).toBe(
      "CharLM(\n" +
        "  (emb): Embedding(65, 64)\n" +
        "  (rnn): LSTM(64, 256, batchFirst=true)\n" +
        "  (head): Linear(inFeatures=256, outFeatures=65, bias=true)\n" +
        ")",
    );
  });

  it("displays a torchinfo-like summary: the tree, parameter shapes and counts, and the total", () => {
    const bundle = mimeBundle(new nn.Sequential(new nn.Linear(3, 4), new nn.Dropout(0.25)));
    const lines = String(bundle["text/plain"]).split("\n");
    expect(lines[0]).toMatch(/^Module\s+Parameters\s+Param #$/);
    expect(lines[2]).toMatch(/^Sequential\s+16$/);
    expect(lines[3]).toMatch(/^├─ 0: Linear\(inFeatures=3, outFeatures=4, bias=true\)\s+weight \[4, 3\]\s+16$/);
    expect(lines[4]).toMatch(/^│\s+bias \[4\]$/);
    expect(lines[5]).toMatch(/^└─ 1: Dropout\(p=0.25\)\s+0$/);
    expect(lines.at(-1)).toBe("Total parameters: 16 (trainable 16)");
    const html = String(bundle["text/html"]);
    expect(html).toContain("<table");
    expect(html).toContain("weight [4, 3]<br>bias [4]");
    expect(html).toContain("Total parameters: 16 (trainable 16)");
  });

  it("escapes HTML in the displayed summary", () => {
    class Weird extends nn.Module {
      override extraRepr(): string {
        return "<b>&</b>";
      }
    }
    const html = String(mimeBundle(new Weird())["text/html"]);
    expect(html).toContain("Weird(&lt;b&gt;&amp;&lt;/b&gt;)");
    expect(html).not.toContain("<b>&");
  });

  it("switches train and eval mode recursively", () => {
    const m = new Seq2Seq();
    m.eval();
    expect(m.namedModules().every(([, sub]) => !sub.training)).toBe(true);
    m.train();
    expect(m.layers[1]?.training).toBe(true);
  });

  it("clears every gradient with zeroGrad", () => {
    const lin = new nn.Linear(3, 2);
    lin.forward(randn([4, 3])).sum().backward();
    expect(lin.weight.grad).not.toBeNull();
    lin.zeroGrad();
    expect(lin.parameters().every((p) => p.grad === null)).toBe(true);
  });

  it("converts parameters to float64 with to()", () => {
    const lstm = new nn.LSTM({ inputSize: 2, hiddenSize: 3 }).to("float64");
    expect(lstm.parameters().every((p) => p.dtype === "float64")).toBe(true);
    const out = lstm.forward(randn([2, 1, 2], { dtype: "float64" }));
    expect(out.output.dtype).toBe("float64");
    const lin = new nn.Linear(2, 2).to("float64");
    expect(lin.weight.dtype).toBe("float64");
  });
});

describe("Module state dicts", () => {
  it("round-trips a state dict into a fresh module", () => {
    manualSeed(1);
    const a = new CharLM();
    manualSeed(2);
    const b = new CharLM();
    const ids = tensor([[1, 2, 3]], { dtype: "int32" });
    const run = (m: CharLM): number[] => Array.from(m.head.forward(m.rnn.forward(m.emb.forward(ids)).output).data);
    expect(run(b)).not.toEqual(run(a));
    expect(b.loadStateDict(a.stateDict())).toEqual({ missingKeys: [], unexpectedKeys: [] });
    expect(run(b)).toEqual(run(a));
  });

  it("shares memory between the state dict and the parameters", () => {
    const lin = new nn.Linear(2, 2);
    expect(lin.stateDict()["weight"]?.data).toBe(lin.weight.data);
  });

  it("lists every missing, unexpected and wrongly shaped key in one error and loads nothing", () => {
    const lstm = new nn.LSTM({ inputSize: 3, hiddenSize: 2 });
    const before = lstm.parameters().map((p) => Array.from(p.data));
    const dict = {
      weight_ih_l0: zeros([8, 4]),
      weight_hh_l0: zeros([8, 2]),
      bias_ih_l0: zeros([8]),
      extra: zeros([1]),
    };
    let error: unknown;
    try {
      lstm.loadStateDict(dict);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(nn.StateDictError);
    const message = (error as Error).message;
    expect(message).toContain("LSTM.loadStateDict");
    expect(message).toContain("missing keys: bias_hh_l0");
    expect(message).toContain("unexpected keys: extra");
    expect(message).toContain("weight_ih_l0: expected [8, 3], got [8, 4]");
    expect(lstm.parameters().map((p) => Array.from(p.data))).toEqual(before);
  });

  it("loads a partial dict without strict and reports what it skipped", () => {
    const lin = new nn.Linear(2, 1);
    const result = lin.loadStateDict({ weight: tensor([[5, 6]]), other: zeros([1]) }, { strict: false });
    expect(result).toEqual({ missingKeys: ["bias"], unexpectedKeys: ["other"] });
    expect(Array.from(lin.weight.data)).toEqual([5, 6]);
  });

  it("rejects a wrong shape even without strict", () => {
    const lin = new nn.Linear(2, 1);
    expect(() => lin.loadStateDict({ weight: zeros([2, 2]) }, { strict: false })).toThrow(/weight: expected \[1, 2\], got \[2, 2\]/);
  });

  it("accepts a Map and converts dtypes", () => {
    const lin = new nn.Linear(1, 1, { dtype: "float64" });
    lin.loadStateDict(new Map([["weight", tensor([[0.5]])], ["bias", tensor([0.25])]]));
    expect(Array.from(lin.weight.data)).toEqual([0.5]);
    expect(lin.bias?.dtype).toBe("float64");
  });
});
