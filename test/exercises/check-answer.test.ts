import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AnswerError, checkAnswer, checkThat } from "../../src";

/** The message of the AnswerError that `fn` throws. */
function failure(fn: () => void): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AnswerError);
    return (error as Error).message;
  }
  throw new Error("expected the check to fail");
}

describe("checkAnswer", () => {
  let log: ReturnType<typeof vi.spyOn>;
  beforeEach(() => {
    log = vi.spyOn(console, "log").mockImplementation(() => undefined);
  });
  afterEach(() => log.mockRestore());

  it("prints a tick for a right answer within the relative tolerance", () => {
    checkAnswer("dL/da", 3 + 1e-7, 3);
    expect(log).toHaveBeenCalledWith("✓ dL/da");
  });

  it("says an answer is off by a power of ten without printing the expected value", () => {
    const message = failure(() => checkAnswer("w", 0.0123, 0.123));
    expect(message).toBe("w: the answer is off by a factor of 10 (too small)");
    expect(message).not.toContain("0.123");
  });

  it("names a wrong sign, a missing answer and a wrong type", () => {
    expect(failure(() => checkAnswer("x", -3, 3))).toBe("x: the answer has the wrong sign");
    expect(failure(() => checkAnswer("x", undefined, 3))).toBe("x: no answer yet");
    expect(failure(() => checkAnswer("x", "3", 3))).toBe("x: the answer should be a number; got a string");
  });

  it("rejects near misses: 0.6 for a radius of 0.577 at 1%, -4 for -3 exactly", () => {
    expect(failure(() => checkAnswer("radius", 0.6, 1 / Math.sqrt(3), { rtol: 0.01 }))).toBe("radius: the answer is too large");
    expect(failure(() => checkAnswer("exponent", -4, -3, { rtol: 0 }))).toContain("exponent: the answer");
    expect(failure(() => checkAnswer("p", 0.8668, 0.8670))).toContain("close but slightly too small");
  });

  it("compares arrays by length, shape and entry, naming the wrong entries only", () => {
    expect(failure(() => checkAnswer("types", ["a", "b"], ["a", "b", "c"]))).toBe("types: the answer has 2 entries; it should have 3");
    expect(failure(() => checkAnswer("m", [[1, 2, 3], [4, 5, 6]], [[1, 2], [3, 4], [5, 6]]))).toBe("m: the answer has shape [2, 3]; it should be [3, 2]");
    const message = failure(() => checkAnswer("shape", [7, 3, 4], [7, 3, 8], { rtol: 0 }));
    expect(message).toBe("shape: [2] is half what it should be");
    expect(message).not.toContain("8");
  });

  it("compares plain objects key by key and typed arrays like arrays", () => {
    expect(failure(() => checkAnswer("ex", { c: 1.6 }, { c: 1.6, h: 0.74 }))).toBe("ex: .h is missing");
    checkAnswer("grad", new Float32Array([0.5, 0.25]), [0.5, 0.25]);
    expect(log).toHaveBeenCalledWith("✓ grad");
  });

  it("counts wrong entries beyond the first three", () => {
    expect(failure(() => checkAnswer("v", [9, 9, 9, 9, 9], [1, 1, 1, 1, 1]))).toMatch(/; and 2 more entries wrong$/);
  });
});

describe("checkThat", () => {
  it("throws the hint when the condition fails and prints a tick when it holds", () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    expect(failure(() => checkThat("gradient", false, "relative error 1e-2 is above 1e-7"))).toBe("gradient: relative error 1e-2 is above 1e-7");
    checkThat("gradient", true, "unused");
    expect(log).toHaveBeenCalledWith("✓ gradient");
    log.mockRestore();
  });
});
