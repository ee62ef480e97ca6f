// The dual package, as its users load it: the built dist/ (npm test builds first).
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(__dirname, "..", "..");
const node = (args: string[], cwd = root): string => execFileSync(process.execPath, args, { cwd, encoding: "utf8" });

describe("the dual package", () => {
  it("gives import the ES module build and require the CommonJS build", () => {
    const script = [
      'import { createRequire } from "node:module";',
      'const esm = await import("seqgrad");',
      "const cjs = createRequire(import.meta.url)(\"seqgrad\");",
      'console.log(import.meta.resolve("seqgrad").endsWith("dist/esm/index.mjs"), typeof esm.nn.LSTM, typeof cjs.nn.LSTM);',
    ].join("\n");
    expect(node(["--input-type=module", "-e", script]).trim()).toBe("true function function");
  });

  it("runs a model and reads the corpora from the ES module build", () => {
    const script = [
      'import { nn, tensor, data, getBackend } from "seqgrad";',
      "const lstm = new nn.LSTM({ inputSize: 3, hiddenSize: 4 });",
      "const out = lstm.forward(tensor([[[1, 2, 3]]])).output;",
      'console.log(JSON.stringify(out.shape), getBackend().name, data.loadTextCorpus({ maxChars: 500 }).vocab.size > 10);',
    ].join("\n");
    expect(node(["--input-type=module", "-e", script]).trim()).toBe("[1,1,4] wasm true");
  });

  it("keeps class names in the ES module build: printed modules and graph scopes read them", () => {
    const script = [
      'import { nn, optim } from "seqgrad";',
      "const renamed = Object.entries({ ...nn, ...optim }).filter(([k, v]) => typeof v === \"function\" && /^[A-Z]/.test(k) && v.name !== k);",
      "const rnn = new nn.RNN({ inputSize: 3, hiddenSize: 4 });",
      "console.log(JSON.stringify(renamed.map(([k, v]) => `${k} is ${v.name}`)), rnn.typeName, rnn.path);",
    ].join("\n");
    expect(node(["--input-type=module", "-e", script]).trim()).toBe("[] RNN rnn");
  });

  it("compiles a .mts module of notebooks/ with tsc --module nodenext and an outDir, then runs it", () => {
    const dir = mkdtempSync(join(root, "notebooks", ".tmp-mts-"));
    try {
      writeFileSync(join(dir, "shapes.mts"), 'import { tensor } from "seqgrad";\nconsole.log(tensor([[1, 2]]).shape.join("x"));\n');
      const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
      node([tsc, "--module", "nodenext", "--target", "es2022", "--types", "node", "--skipLibCheck", "--outDir", join(dir, "out"), join(dir, "shapes.mts")]);
      expect(node([join(dir, "out", "shapes.mjs")]).trim()).toBe("1x2");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
