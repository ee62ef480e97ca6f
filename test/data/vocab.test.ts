import { describe, expect, it } from "vitest";
import { IndexError, ValueError } from "../../src/errors";
import { EOS_ID, PAD_ID, SOS_ID, UNK_ID, Vocab } from "../../src/data";

describe("Vocab", () => {
  it("puts the four specials at fixed ids and orders tokens by frequency", () => {
    const v = Vocab.build([["b", "a", "b"], ["c", "b", "a"]]);
    expect(v.tokens).toEqual(["<pad>", "<sos>", "<eos>", "<unk>", "b", "a", "c"]);
    expect([v.id("<pad>"), v.id("<sos>"), v.id("<eos>"), v.id("<unk>")]).toEqual([PAD_ID, SOS_ID, EOS_ID, UNK_ID]);
  });

  it("applies minFreq and maxSize", () => {
    const v = Vocab.build([["a", "a", "a", "b", "b", "c"]], { minFreq: 2 });
    expect(v.tokens.slice(4)).toEqual(["a", "b"]);
    expect(Vocab.build([["a", "a", "b", "c"]], { maxSize: 5 }).tokens.slice(4)).toEqual(["a"]);
  });

  it("encodes out-of-vocabulary tokens as <unk> and decodes up to <eos>", () => {
    const v = Vocab.build([["x", "y"]]);
    expect(v.encode(["x", "zzz"], { sos: true, eos: true })).toEqual([SOS_ID, v.id("x"), UNK_ID, EOS_ID]);
    expect(v.decode([SOS_ID, v.id("y"), EOS_ID, v.id("x")])).toEqual(["y"]);
    expect(v.decode([v.id("y"), EOS_ID, v.id("x")], { stopAtEos: false, stripSpecials: false })).toEqual(["y", "<eos>", "x"]);
  });

  it("names the id and the range when decoding an id out of range", () => {
    const v = Vocab.build([["x"]]);
    expect(() => v.decode([7])).toThrow(IndexError);
    expect(() => v.decode([7])).toThrow(/Vocab.token: id out of range; expected an integer in \[0, 4\], got 7/);
  });

  it("round-trips through JSON and rejects a maxSize below the specials", () => {
    const v = Vocab.build([["q", "r", "q"]]);
    expect(Vocab.fromJSON(JSON.parse(JSON.stringify(v))).tokens).toEqual(v.tokens);
    expect(() => Vocab.build([["a"]], { maxSize: 2 })).toThrow(ValueError);
  });
});
