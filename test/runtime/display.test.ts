import { afterEach, describe, expect, it, vi } from "vitest";
import { JUPYTER_DISPLAY, ValueError, display } from "../../src";
import { installFakeKernel, uninstallFakeKernel } from "./fake-bridge";

const figure = (n: number): object => ({
  [JUPYTER_DISPLAY]: () => ({ "text/html": `<b>${n}</b>`, "text/plain": `figure ${n}` }),
});

afterEach(() => {
  uninstallFakeKernel();
  vi.restoreAllMocks();
});

describe("display in a kernel", () => {
  it("sends the full bundle as new output, then updates it through the handle", () => {
    const kernel = installFakeKernel();
    const handle = display(figure(1));
    handle.update(figure(2));
    expect(kernel.sent).toEqual([
      { bundle: { "text/html": "<b>1</b>", "text/plain": "figure 1" }, id: handle.id, update: false },
      { bundle: { "text/html": "<b>2</b>", "text/plain": "figure 2" }, id: handle.id, update: true },
    ]);
  });

  it("updates in place when the same id is shown again in the same cell", () => {
    const kernel = installFakeKernel();
    display(figure(1), { id: "loss-a" });
    display(figure(2), { id: "loss-a" });
    expect(kernel.sent.map((m) => [m.id, m.update])).toEqual([
      ["loss-a", false],
      ["loss-a", true],
    ]);
  });

  it("shows an id anew when a later cell (or a re-run) displays it", () => {
    const kernel = installFakeKernel();
    display(figure(1), { id: "loss-b" });
    kernel.cell = 2;
    display(figure(2), { id: "loss-b" });
    expect(kernel.sent.map((m) => m.update)).toEqual([false, false]);
  });

  it("returns a handle whose own display bundle is empty, so a cell ending in display(x) shows x once", () => {
    installFakeKernel();
    const handle = display(figure(1));
    expect(handle[JUPYTER_DISPLAY]()).toEqual({});
  });

  it("makes a distinct id for every display without one", () => {
    installFakeKernel();
    expect(display(1).id).not.toBe(display(1).id);
  });

  it("rejects an empty id before sending anything", () => {
    const kernel = installFakeKernel();
    expect(() => display(1, { id: "" })).toThrow(ValueError);
    expect(() => display(1, { id: "" })).toThrow(/^display: id must be a non-empty string/);
    expect(kernel.sent).toEqual([]);
  });
});

describe("display in plain Node", () => {
  it("prints the text/plain form of the value and of each update", () => {
    const write = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    const handle = display(figure(1));
    handle.update(figure(2));
    display({ a: 1 });
    expect(write.mock.calls.map((call) => call[0])).toEqual(["figure 1\n", "figure 2\n", "{ a: 1 }\n"]);
  });
});
