import { createRequire } from "node:module";
import { join } from "node:path";
import type * as TypeScript from "@tslab/typescript-for-tslab";
import { describe, expect, it } from "vitest";
import { expandShorthand } from "../../kernel/src/expand-shorthand";

/** The compiler tslab ships, as the kernel loads it. */
const fromHere = createRequire(join(__dirname, "expand-shorthand.test.ts"));
const ts = createRequire(fromHere.resolve("tslab/package.json"))("@tslab/typescript-for-tslab") as typeof TypeScript;

const expand = (src: string): string => expandShorthand(ts, src);

describe("expandShorthand", () => {
  it("writes a shorthand property in full, keeping the rest of the cell as typed", () => {
    const src = "const o = { model }; await Promise.resolve(); console.log(o.model + 1);";
    expect(expand(src)).toBe("const o = { model: model }; await Promise.resolve(); console.log(o.model + 1);");
  });

  it("expands nested literals, array elements and literals inside functions", () => {
    expect(expand("f({ model, opt: { lr, inner: [{ deep }] }, ...rest })")).toBe(
      "f({ model: model, opt: { lr: lr, inner: [{ deep: deep }] }, ...rest })",
    );
    expect(expand("const g = () => ({ model });")).toBe("const g = () => ({ model: model });");
    expect(expand("function f() {\n  return { a, b };\n}")).toBe("function f() {\n  return { a: a, b: b };\n}");
  });

  it("leaves binding patterns unchanged but expands literals used as their default values", () => {
    expect(expand("const { a, b: { c } } = obj;")).toBe("const { a, b: { c } } = obj;");
    expect(expand("function f({ a } = { a }) {}")).toBe("function f({ a } = { a: a }) {}");
    expect(expand("const { a = { b } } = o;")).toBe("const { a = { b: b } } = o;");
  });

  it("leaves destructuring assignments unchanged, however deeply the pattern nests", () => {
    for (const src of ["({ a, b: { c } } = obj);", "for ({ a } of list) {}", "({ a = 1 } = {});", "[...[{ a }]] = xs;", "[{ a }] = xs;"]) {
      expect(expand(src)).toBe(src);
    }
    expect(expand("[{ a } = { b }] = xs;")).toBe("[{ a } = { b: b }] = xs;");
  });

  it("repeats a name written with a unicode escape as written", () => {
    expect(expand("x = { \\u0061 };")).toBe("x = { \\u0061: \\u0061 };");
  });

  it("returns a cell without shorthand properties as it is", () => {
    const src = "const o = { a: 1, [k]: 2, m() { return 3; } };";
    expect(expand(src)).toBe(src);
  });
});
