import { describe, expect, it } from "vitest";
import { JUPYTER_DISPLAY, ValueError, mimeBundle } from "../../src";

class Figure {
  [JUPYTER_DISPLAY](): Record<string, unknown> {
    return { "application/vnd.seqgrad.test.v1+json": { n: 1 }, "text/html": "<svg></svg>", "text/plain": "Figure" };
  }
}

describe("mimeBundle", () => {
  it("returns the whole bundle of an object implementing Symbol.for('Jupyter.display')", () => {
    expect(mimeBundle(new Figure())).toEqual({
      "application/vnd.seqgrad.test.v1+json": { n: 1 },
      "text/html": "<svg></svg>",
      "text/plain": "Figure",
    });
  });

  it("uses the well-known global symbol, so objects made without seqgrad work too", () => {
    const plain = { [Symbol.for("Jupyter.display")]: () => ({ "text/markdown": "**x**" }) };
    const bundle = mimeBundle(plain);
    expect(bundle["text/markdown"]).toBe("**x**");
    expect(typeof bundle["text/plain"]).toBe("string");
  });

  it("gives other values their text/plain form only, strings quoted like the REPL", () => {
    expect(mimeBundle(42)).toEqual({ "text/plain": "42" });
    expect(mimeBundle("hi")).toEqual({ "text/plain": "'hi'" });
    expect(mimeBundle({ a: [1, 2] })).toEqual({ "text/plain": "{ a: [ 1, 2 ] }" });
    expect(mimeBundle(null)).toEqual({ "text/plain": "null" });
  });

  it("returns a copy, so callers cannot change the object's own bundle", () => {
    const shared = { "text/plain": "shared" };
    const obj = { [JUPYTER_DISPLAY]: () => shared };
    mimeBundle(obj)["text/plain"] = "changed";
    expect(shared["text/plain"]).toBe("shared");
  });

  it("rejects a display method that returns something other than a plain map, naming the rule", () => {
    const bad = { [JUPYTER_DISPLAY]: () => [1, 2] };
    expect(() => mimeBundle(bad)).toThrow(ValueError);
    expect(() => mimeBundle(bad)).toThrow(/^mimeBundle: .*expected a plain object, got an array$/);
  });
});
