import { afterEach, describe, expect, it } from "vitest";
import { AbortError, currentAbortSignal, throwIfAborted } from "../../src";
import { installFakeKernel, uninstallFakeKernel } from "./fake-bridge";

afterEach(() => uninstallFakeKernel());

describe("cell abort signal", () => {
  it("is undefined outside a kernel, and throwIfAborted then never throws", () => {
    expect(currentAbortSignal()).toBeUndefined();
    expect(() => throwIfAborted()).not.toThrow();
  });

  it("is the running cell's signal inside a kernel", () => {
    const kernel = installFakeKernel();
    expect(currentAbortSignal()).toBe(kernel.controller.signal);
    expect(() => throwIfAborted()).not.toThrow();
  });

  it("makes throwIfAborted throw AbortError with the reason once the kernel aborts the cell", () => {
    const kernel = installFakeKernel();
    kernel.controller.abort("interrupted by the notebook (SIGINT)");
    expect(() => throwIfAborted()).toThrow(AbortError);
    expect(() => throwIfAborted()).toThrow(
      "throwIfAborted: the run was interrupted; expected no abort request, got interrupted by the notebook (SIGINT)",
    );
  });

  it("checks an explicit signal instead of the cell's when given one", () => {
    installFakeKernel();
    const own = new AbortController();
    own.abort(new Error("stop"));
    expect(() => throwIfAborted(own.signal)).toThrow(/got stop$/);
  });

  it("stops an awaiting loop at a step boundary, leaving every finished step applied", async () => {
    const kernel = installFakeKernel();
    const applied: number[] = [];
    const loop = (async (): Promise<void> => {
      for (let step = 0; step < 1000; step++) {
        throwIfAborted();
        applied.push(step);
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 20));
    kernel.controller.abort("interrupt");
    await expect(loop).rejects.toBeInstanceOf(AbortError);
    expect(applied.length).toBeGreaterThan(0);
    expect(applied).toEqual(applied.map((_, i) => i));
    expect(applied.length).toBeLessThan(1000);
  });
});
