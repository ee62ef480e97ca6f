import { describe, expect, it } from "vitest";
import { CellRunner } from "../../lite/src/worker/cell-runner";
import { errorContent } from "../../lite/src/worker/cell-errors";

function runner(modules: Record<string, unknown> = {}): CellRunner {
  return new CellRunner((name) => {
    if (!(name in modules)) throw new Error(`no module ${name}`);
    return modules[name];
  });
}

async function failure(r: CellRunner, code: string, count: number): Promise<ReturnType<typeof errorContent>> {
  try {
    await r.run(code, count);
  } catch (error) {
    return errorContent(error, r.cells);
  }
  throw new Error("the cell did not fail");
}

describe("the browser kernel's cells", () => {
  it("see the declarations of earlier cells, of every kind", async () => {
    const r = runner({ lib: { twice: (x: number) => 2 * x, default: "the default" } });
    await r.run(
      [
        'import { twice as double } from "lib";',
        'import fallback, * as lib from "lib";',
        "const a: number = 1, { b, c: [d] } = { b: 2, c: [3] };",
        "let e;",
        "function f(x: number): number { return x + a; }",
        "class C { value = 7; }",
        "interface Unused { x: number }",
      ].join("\n"),
      1,
    );
    expect(await r.run("[a, b, d, e, f(1), new C().value, double(4), fallback, typeof lib.twice]", 2)).toEqual([1, 2, 3, undefined, 2, 7, 8, "the default", "function"]);
  });

  it("end a class before a declaration on the next line, which would otherwise call it", async () => {
    const r = runner({ lib: { Base: class {} } });
    await r.run('import { Base } from "lib"\nclass A extends Base {\n  x = 1\n}\nconst a = new A()\nfunction f() { return 2 }\n(f())', 1);
    expect(await r.run("a.x", 2)).toBe(1);
  });

  it("can be run again although they declare constants", async () => {
    const r = runner();
    await r.run("const x = 1;", 1);
    await r.run("const x = 2;", 2);
    expect(await r.run("x", 3)).toBe(2);
  });

  it("share variables with functions defined in earlier cells", async () => {
    const r = runner();
    await r.run("let count = 0;\nfunction bump() { count += 1; return count; }", 1);
    await r.run("count = 10;", 2);
    expect(await r.run("bump()", 3)).toBe(11);
    expect(await r.run("count", 4)).toBe(11);
  });

  it("return the last expression's value and nothing after a declaration", async () => {
    const r = runner();
    expect(await r.run("const y = 3;", 1)).toBeUndefined();
    expect(await r.run("y * 2;", 2)).toBe(6);
    expect(await r.run("({ y })", 3)).toEqual({ y: 3 });
  });

  it("may await at the top level", async () => {
    const r = runner();
    expect(await r.run("const v = await Promise.resolve(5);\nv + 1", 1)).toBe(6);
  });

  it("keep the page's globals out of reach of a variable of the same name", async () => {
    const r = runner();
    const before = globalThis.setTimeout;
    await r.run("const setTimeout = 1;", 1);
    expect(await r.run("setTimeout", 2)).toBe(1);
    expect(globalThis.setTimeout).toBe(before);
  });

  it("report a thrown error at the line of the cell, after lines that held only types", async () => {
    const r = runner();
    const error = await failure(r, ["interface A {", "  x: number;", "}", "type B = A;", "const ok = 1;", 'throw new RangeError("bad value");'].join("\n"), 7);
    expect(error.ename).toBe("RangeError");
    expect(error.evalue).toBe("bad value");
    expect(error.traceback.join("\n")).toContain('Cell In[7], line 6\n----> 6 throw new RangeError("bad value");');
  });

  it("report an error inside a function of an earlier cell at that cell's line", async () => {
    const r = runner();
    await r.run("type T = number;\nfunction check(x: T) {\n  if (x < 0) throw new Error(`negative: ${x}`);\n}", 1);
    const error = await failure(r, "check(-1)", 2);
    expect(error.traceback.join("\n")).toMatch(/Cell In\[1\], line 3, in check\n----> 3 if \(x < 0\)/);
    expect(error.traceback.join("\n")).toContain("Cell In[2], line 1");
  });

  it("report a syntax error with its line and column, and run nothing", async () => {
    const r = runner();
    const error = await failure(r, "const z = 1;\nconst = 2;", 1);
    expect(error.ename).toBe("TSError");
    expect(error.evalue).toMatch(/^2:7 - /);
    await expect(r.run("typeof z", 2)).resolves.toBe("undefined");
  });
});
