import { afterEach, describe, expect, it, vi } from "vitest";
import { display, tensor } from "../../src";

afterEach(() => {
  Reflect.deleteProperty(globalThis, "Deno");
});

describe("the Deno kernel bridge", () => {
  it("sends display() and its updates through Deno.jupyter.display with the raw bundle and one display id", () => {
    const calls: { bundle: Record<string, unknown>; options: { raw: boolean; update: boolean; display_id: string } }[] = [];
    const show = vi.fn((bundle: Record<string, unknown>, options: (typeof calls)[number]["options"]) => {
      calls.push({ bundle, options });
      return Promise.resolve();
    });
    Reflect.set(globalThis, "Deno", { jupyter: { display: show } });
    const handle = display(tensor([1, 2]));
    handle.update(tensor([3, 4, 5]));
    expect(calls.map((c) => c.options)).toEqual([
      { raw: true, update: false, display_id: handle.id },
      { raw: true, update: true, display_id: handle.id },
    ]);
    expect(Object.keys(calls[1]?.bundle ?? {})).toContain("application/vnd.seqgrad.tensor.v1+json");
  });

  it("is not used when Deno runs outside its Jupyter kernel", () => {
    Reflect.set(globalThis, "Deno", { version: { deno: "2.9.6" } });
    const write = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    display(tensor([1]));
    expect(write).toHaveBeenCalledTimes(1);
    write.mockRestore();
  });
});
