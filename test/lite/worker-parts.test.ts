import { describe, expect, it } from "vitest";
import { WorkerBridge } from "../../lite/src/worker/bridge";
import { formatArgs, inspect } from "../../lite/src/worker/inspect";
import { sourceLines } from "../../lite/src/worker/line-map";
import { SiteFiles } from "../../lite/src/worker/site-files";
import type { FromWorker } from "../../lite/src/protocol";

describe("the browser kernel's printing", () => {
  it("prints values as Node does for the common cases", () => {
    expect(formatArgs(["loss", 0.5, [1, 2], { a: "x" }])).toBe("loss 0.5 [ 1, 2 ] { a: 'x' }");
    expect(formatArgs(["%s has %d steps (%j)", "run", 3.7, { ok: true }])).toBe('run has 3.7 steps ({"ok":true})');
    expect(inspect(new Float32Array([1, 2]))).toBe("Float32Array(2) [ 1, 2 ]");
    expect(inspect(new Map([["a", 1]]))).toBe("Map(1) { 'a' => 1 }");
    expect(inspect(-0)).toBe("-0");
  });

  it("cuts deep nesting, long arrays and cycles", () => {
    const cyclic: Record<string, unknown> = { name: "loop" };
    cyclic["self"] = cyclic;
    expect(inspect(cyclic)).toBe("{ name: 'loop', self: [Circular] }");
    expect(inspect({ a: { b: { c: { d: { e: 1 } } } } })).toBe("{ a: { b: { c: { d: [Object] } } } }");
    expect(inspect(Array.from({ length: 103 }, (_, i) => i))).toContain("... 3 more items");
  });

  it("prints an object with a display bundle by its own text", () => {
    const shown = { [Symbol.for("Jupyter.display")]: () => ({ "text/plain": "Tensor [2, 3] float32" }) };
    expect(formatArgs(["x =", shown])).toBe("x = Tensor [2, 3] float32");
  });
});

describe("the browser kernel's line map", () => {
  it("maps each emitted line to the source line of its first segment", () => {
    // line 0 from source line 0; line 1 unmapped (keeps 0); line 2 from source line 3
    expect(sourceLines(JSON.stringify({ mappings: "AAAA;;AAGA" }))).toEqual([0, 0, 3]);
  });
});

describe("the browser kernel's files", () => {
  it("resolves paths from the notebook's folder, absolute paths from the top", () => {
    const files = new SiteFiles("http://site/files/", "lectures/week1");
    expect(files.resolve("data.txt")).toBe("lectures/week1/data.txt");
    expect(files.resolve("../shared/./x.tsv")).toBe("lectures/shared/x.tsv");
    expect(files.resolve("/data/tinyshakespeare.txt")).toBe("data/tinyshakespeare.txt");
    expect(files.join(files.dataDir(), "eng-fra-tatoeba.tsv")).toBe("/data/eng-fra-tatoeba.tsv");
  });

  it("keeps written files in memory and reads them back", () => {
    const files = new SiteFiles("http://site/files/", "");
    files.write("ckpt/model.safetensors", [new Uint8Array([1, 2]), new Uint8Array([3])]);
    expect(files.exists("ckpt/model.safetensors")).toBe(true);
    expect([...files.read("/ckpt/model.safetensors")]).toEqual([1, 2, 3]);
  });
});

describe("the browser kernel's interrupt", () => {
  it("aborts the running cell's signal when the shared flag is set, and clears the flag for the next cell", () => {
    const flag = new Int32Array(new SharedArrayBuffer(4));
    const sent: FromWorker[] = [];
    const bridge = new WorkerBridge((m) => sent.push(m), flag);
    bridge.beginCell(1);
    expect(bridge.interrupted()).toBe(false);
    Atomics.store(flag, 0, 1);
    expect(bridge.interrupted()).toBe(true);
    bridge.endCell();
    bridge.beginCell(2);
    expect(Atomics.load(flag, 0)).toBe(0);
    expect(bridge.interrupted()).toBe(false);
  });

  it("aborts on the interrupt message when there is no shared flag", () => {
    const bridge = new WorkerBridge(() => undefined, null);
    bridge.beginCell(1);
    bridge.interrupt();
    expect(bridge.interrupted()).toBe(true);
  });
});
