import { afterEach, describe, expect, it, vi } from "vitest";
import { getBackend, jsBackend, listBackends, setBackend } from "../../src/backend";

describe("backend selection", () => {
  const initial = getBackend();
  afterEach(() => {
    setBackend(initial);
    vi.unstubAllEnvs();
  });

  it("defaults to wasm where WebAssembly SIMD is available, else js", () => {
    expect(initial.name).toBe(listBackends().includes("wasm") ? "wasm" : "js");
  });

  it("switches by name and returns the previous backend", () => {
    const before = setBackend("js");
    expect(before).toBe(initial);
    expect(getBackend()).toBe(jsBackend());
  });

  it("names the valid backends when asked for an unknown one", () => {
    expect(() => setBackend("gpu")).toThrow(/^setBackend: unknown backend; expected one of "js".*, got "gpu"$/);
    expect(getBackend()).toBe(initial);
  });

  it("honours SEQGRAD_BACKEND=js when the module loads", async () => {
    vi.stubEnv("SEQGRAD_BACKEND", "js");
    vi.resetModules();
    const fresh = await import("../../src/backend");
    expect(fresh.getBackend().name).toBe("js");
    expect(fresh.listBackends()).toContain("js");
  });
});
