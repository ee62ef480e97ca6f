import { describe, expect, it } from "vitest";
import { helpQuery } from "../../kernel/src/help-cell";

describe("help cells (IPython's `name?`)", () => {
  it.each([
    ["nn.LSTM?", "nn.LSTM"],
    ["?nn.LSTM", "nn.LSTM"],
    ["optim.Adam??", "optim.Adam"],
    ["  lstm . forward ?\n", "lstm.forward"],
    ["tensor?;", "tensor"],
  ])("%j asks about %j", (code, name) => {
    expect(helpQuery(code)).toBe(name);
  });

  it.each(["nn.LSTM", "?nn.LSTM?", "a ? b : c", "x?.y", "a ?? b", "f()?", "nn.LSTM(?", "const x = 1;", "?", ""])(
    "%j is code, not a help cell",
    (code) => {
      expect(helpQuery(code)).toBeUndefined();
    },
  );
});
