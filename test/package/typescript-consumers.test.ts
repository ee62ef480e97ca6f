// TypeScript programs outside the repository, compiled against the packed package as a user
// installs it (npm pack, unpacked into a project's node_modules), under every module setting a
// project may use: nodenext (ES module and CommonJS files), node16, bundler and node10/CommonJS.
// Strict; the first program also without skipLibCheck, so the shipped declarations themselves are
// checked (the others skip that, which is the same work again). The project has no @types/node, as
// a browser project has none: the declarations must need nothing from the environment (the program
// declares the console it prints with). No --rootDir: the package's exports resolve on their own.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = resolve(__dirname, "..", "..");
const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
/** Runs node with `args` in `cwd`; a failure shows what the compiler or the program printed. */
function run(args: string[], cwd: string): string {
  try {
    return execFileSync(process.execPath, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (e) {
    const { stdout, stderr } = e as { stdout?: string; stderr?: string };
    throw new Error(`node ${args.join(" ")} failed:\n${stdout ?? ""}${stderr ?? ""}`);
  }
}

/** A program that uses the runtime API, a layer's typed parameter and a type-only import of the payload types. */
const PROGRAM = [
  "declare const console: { log(...values: unknown[]): void };",
  'const lstm = new nn.LSTM({ inputSize: 3, hiddenSize: 4, numLayers: 2 });',
  "const out: Tensor = lstm.forward(tensor([[[1, 2, 3]]])).output;",
  "const w = lstm.weight_hh_l1;",
  "const payload: TensorPayload | null = null;",
  'console.log(out.shape.join("x"), w.shape.join("x"), payload);',
].join("\n");
const ESM_IMPORTS = 'import { nn, tensor, type Tensor } from "seqgrad";\nimport type { TensorPayload } from "seqgrad/payloads";\n';
const CJS_IMPORTS = 'import seqgrad = require("seqgrad");\nimport type { TensorPayload } from "seqgrad/payloads";\nconst { nn, tensor } = seqgrad;\ntype Tensor = seqgrad.Tensor;\n';
const EXPECTED = "1x1x4 16x4 null";

let project = "";

/** A fresh folder of the project with package.json `type`, holding `file`. */
function folder(name: string, type: "module" | "commonjs", file: string, source: string): string {
  const dir = join(project, name);
  mkdirSync(dir);
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name, private: true, type }));
  writeFileSync(join(dir, file), source);
  return dir;
}

beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), "seqgrad-consumer-"));
  const modules = join(project, "node_modules");
  mkdirSync(modules);
  execFileSync("npm", ["pack", "--silent", "--pack-destination", project], { cwd: root, stdio: "ignore" });
  const tarball = readdirSync(project).find((f) => f.endsWith(".tgz"));
  if (tarball === undefined) throw new Error(`npm pack left no tarball in ${project}`);
  mkdirSync(join(modules, "seqgrad"));
  execFileSync("tar", ["xzf", join(project, tarball), "-C", join(modules, "seqgrad"), "--strip-components=1"]);
  // the package's dependencies, as npm install would provide them
  const { dependencies } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { dependencies: Record<string, string> };
  for (const dep of Object.keys(dependencies)) {
    mkdirSync(dirname(join(modules, dep)), { recursive: true });
    symlinkSync(join(root, "node_modules", dep), join(modules, dep), "dir");
  }
}, 120_000);

afterAll(() => {
  if (project !== "") rmSync(project, { recursive: true, force: true });
});

describe("a TypeScript project outside the repository, against the packed package", () => {
  it("compiles a .mts ES module with tsc --module nodenext (no rootDir, no skipLibCheck) and runs it", () => {
    const dir = folder("nodenext-esm", "commonjs", "main.mts", ESM_IMPORTS + PROGRAM);
    run([tsc, "--module", "nodenext", "--strict", "main.mts"], dir);
    expect(run(["main.mjs"], dir).trim()).toBe(EXPECTED);
  }, 120_000);

  it("compiles a .cts CommonJS module with tsc --module nodenext and runs it", () => {
    const dir = folder("nodenext-cjs", "module", "main.cts", CJS_IMPORTS + PROGRAM);
    run([tsc, "--module", "nodenext", "--strict", "--skipLibCheck", "main.cts"], dir);
    expect(run(["main.cjs"], dir).trim()).toBe(EXPECTED);
  }, 120_000);

  it("compiles a .ts file of a \"type\": \"module\" package with tsc --module node16 and runs it", () => {
    const dir = folder("node16", "module", "main.ts", ESM_IMPORTS + PROGRAM);
    run([tsc, "--module", "node16", "--strict", "--skipLibCheck", "main.ts"], dir);
    expect(run(["main.js"], dir).trim()).toBe(EXPECTED);
  }, 120_000);

  it("type-checks with moduleResolution bundler, and node runs the emitted ES module", () => {
    const dir = folder("bundler", "module", "main.ts", ESM_IMPORTS + PROGRAM);
    run([tsc, "--module", "esnext", "--moduleResolution", "bundler", "--target", "es2022", "--strict", "--skipLibCheck", "main.ts"], dir);
    expect(run(["main.js"], dir).trim()).toBe(EXPECTED);
  }, 120_000);

  it("compiles to CommonJS with tsc --module commonjs --moduleResolution node10 (main and types) and runs it", () => {
    const dir = folder("commonjs", "commonjs", "main.ts", ESM_IMPORTS + PROGRAM);
    run([tsc, "--module", "commonjs", "--moduleResolution", "node10", "--target", "es2022", "--strict", "--skipLibCheck", "main.ts"], dir);
    expect(run(["main.js"], dir).trim()).toBe(EXPECTED);
  }, 120_000);
});
