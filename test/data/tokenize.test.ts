import { describe, expect, it } from "vitest";
import { charTokenize, detokenize, normalizeText, wordTokenize } from "../../src/data";

describe("tokenizers", () => {
  it("split characters as code points", () => {
    expect(charTokenize("Hé!\n")).toEqual(["H", "é", "!", "\n"]);
  });

  it("split punctuation off words and keep apostrophes inside words", () => {
    expect(wordTokenize("I'm cold.")).toEqual(["I'm", "cold", "."]);
    expect(wordTokenize("Qu'est-ce que c'est ?")).toEqual(["Qu'est", "-", "ce", "que", "c'est", "?"]);
  });

  it("lowercase and strip accents on request", () => {
    expect(normalizeText("Été À Noël", { lowercase: true, stripAccents: true })).toBe("ete a noel");
    expect(wordTokenize("Je suis MALADE.", { lowercase: true })).toEqual(["je", "suis", "malade", "."]);
  });

  it("join words back without spaces before closing punctuation", () => {
    expect(detokenize(["je", "suis", "malade", "."], "word")).toBe("je suis malade.");
    expect(detokenize(["a", "b"], "char")).toBe("ab");
  });
});
