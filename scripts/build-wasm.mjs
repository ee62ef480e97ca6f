// Compiles the WebAssembly SIMD kernels (AssemblyScript sources in src/backend/wasm/assembly/*.as,
// entries index.as, and index-shared.as for the shared-memory variants) and writes src/backend/wasm/generated/module.ts, which embeds the binaries as
// base64 so both tsc (dist/) and vitest (src/) load them without reading files at run time, and
// generated/exports.ts, the TypeScript types of the exported functions read from the compiler's
// declarations of the AssemblyScript signatures (so no one writes them a second time). The
// generated folder is not committed; `npm run build` and `npm run build:wasm` recreate it.
//
// Four variants of the same code: `plain` owns and exports its memory (one thread, any engine);
// `shared` imports a shared env.memory so worker threads can run kernels on the same data; each
// also with relaxed SIMD (`-fma`: fused multiply-add in the GEMM micro-kernel), which engines
// validate only where relaxed SIMD is on (Node >= 22, or Node 20 with
// --experimental-wasm-relaxed-simd). The loader picks the best variant the engine accepts.
//
// The sources use the .as extension so that tsc, which compiles every .ts file under src/, does
// not pick them up; the compiler is handed them through a file-reading hook.
//
// Usage: node scripts/build-wasm.mjs [--wat]   (--wat also writes generated/*.wat to read)
import asc from "assemblyscript/asc";
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const sourceDir = join(root, "src", "backend", "wasm", "assembly");
const outDir = join(root, "src", "backend", "wasm", "generated");
const sources = readdirSync(sourceDir).filter((f) => f.endsWith(".as")).sort();

// --debug adds only a name section (the code is byte-identical), so CPU profiles name the kernels
// (e.g. kernel/kernel5x8) instead of wasm-function[i].
const COMMON = ["--runtime", "stub", "--optimizeLevel", "3", "--shrinkLevel", "0", "--noAssert", "--noColors", "--debug"];
const PLAIN = ["--enable", "simd", "--initialMemory", "2"];
const SHARED = ["--enable", "simd", "--enable", "threads", "--importMemory", "--sharedMemory", "--initialMemory", "2", "--maximumMemory", "65536"];
const FMA = ["--enable", "relaxed-simd"];
const VARIANTS = {
  plain: PLAIN,
  "plain-fma": [...PLAIN, ...FMA],
  shared: SHARED,
  "shared-fma": [...SHARED, ...FMA],
};

async function compile(variant) {
  const outputs = {};
  const entry = variant.startsWith("shared") ? "index-shared" : "index";
  const args = [entry, "--outFile", "module.wasm", "--textFile", "module.wat", "--bindings", "raw", ...COMMON, ...VARIANTS[variant]];
  const result = await asc.main(args, {
    readFile(name, baseDir) {
      const asPath = join(sourceDir, baseDir, name.replace(/\.ts$/, ".as"));
      return existsSync(asPath) ? readFileSync(asPath, "utf8") : null;
    },
    writeFile(name, contents) {
      outputs[name] = contents;
    },
    listFiles() {
      return [];
    },
  });
  if (result.error) {
    process.stderr.write(String(result.stderr ?? ""));
    throw new Error(`build-wasm: ${variant}: compilation failed: ${result.error.message}`);
  }
  const wasm = outputs["module.wasm"];
  if (!(wasm instanceof Uint8Array)) throw new Error(`build-wasm: ${variant}: the compiler wrote no module.wasm`);
  // validate on this Node before anything embeds it (relaxed SIMD may be off here: then trust the compiler)
  if (!variant.endsWith("-fma") || WebAssembly.validate(wasm)) new WebAssembly.Module(wasm);
  return { wasm, wat: String(outputs["module.wat"]), dts: String(outputs["module.d.ts"] ?? "") };
}

/**
 * The exported functions of a module, from the declarations the compiler writes for its
 * bindings (`--bindings raw`): name, parameters with their AssemblyScript types, result type.
 */
function exportsOf(dts, variant) {
  const out = [];
  const re = /\/\*\*([\s\S]*?)\*\/\s*export function (\w+)\(([^)]*)\): (\w+);/g;
  for (const [, doc, name, params, result] of dts.matchAll(re)) {
    const asTypes = new Map([...doc.matchAll(/@param (\w+) `(\w+)`/g)].map((m) => [m[1], m[2]]));
    const source = doc.match(/^\s*\*\s*(\S+)/m)?.[1] ?? name;
    const returns = doc.match(/@returns `(\w+)`/)?.[1] ?? "void";
    const args = params
      .split(",")
      .map((p) => p.trim())
      .filter((p) => p !== "")
      .map((p) => {
        const arg = p.split(":")[0].trim();
        const asType = asTypes.get(arg);
        if (asType === undefined) throw new Error(`build-wasm: ${variant}: no AssemblyScript type for ${name}(${arg})`);
        return { name: arg, asType, ts: asType === "bool" ? "boolean" : "number" };
      });
    if (result !== "void" && result !== "number" && result !== "boolean") {
      throw new Error(`build-wasm: ${variant}: ${name} returns ${result}; kernels take and return numbers only`);
    }
    out.push({ name, source, args, returns, result });
  }
  if (out.length === 0) throw new Error(`build-wasm: ${variant}: the compiler declared no exported functions`);
  return out;
}

/** generated/exports.ts: the TypeScript types of the module's exports and a binder. */
function exportsModule(plain, shared) {
  const names = new Set(plain.map((f) => f.name));
  const extra = shared.filter((f) => !names.has(f.name));
  const member = (f) =>
    [
      `  /** ${f.source}(${f.args.map((a) => `${a.name}: ${a.asType}`).join(", ")})${f.returns === "void" ? "" : `: ${f.returns}`} */`,
      `  ${f.name}(${f.args.map((a) => `${a.name}: ${a.ts}`).join(", ")}): ${f.result};`,
    ].join("\n");
  const bind = (type, list) => list.map((f) => `    ${f.name}: exports["${f.name}"] as ${type}["${f.name}"],`).join("\n");
  return `// Generated by scripts/build-wasm.mjs from the exports of src/backend/wasm/assembly/index.as and
// index-shared.as (the AssemblyScript signatures); do not edit. Pointers are byte offsets into the
// module's memory (usize), sizes and strides i32; bool parameters take a boolean.

/** The functions of the kernels module (assembly/index.as). */
export interface WasmExports {
${plain.map(member).join("\n")}
}

/** What the shared-memory variant (assembly/index-shared.as) exports besides \`WasmExports\`. */
export interface WasmSharedExports {
${extra.map(member).join("\n")}
}

/** The functions of an instance's exports, typed. */
export function bindExports(exports: Record<string, unknown>): WasmExports {
  return {
${bind("WasmExports", plain)}
  };
}

/** The shared-only functions of an instance of the shared variant, typed; null in the plain one. */
export function bindSharedExports(exports: Record<string, unknown>): WasmSharedExports | null {
  if (${extra.map((f) => `exports["${f.name}"] === undefined`).join(" || ")}) return null;
  return {
${bind("WasmSharedExports", extra)}
  };
}
`;
}

function embed(name, doc, wasm) {
  const lines = Buffer.from(wasm).toString("base64").match(/.{1,100}/g) ?? [];
  return `/** ${doc} (${wasm.length} bytes), base64. */
export const ${name}: string = [
${lines.map((l) => `  "${l}"`).join(",\n")},
].join("");
`;
}

try {
  const plain = await compile("plain");
  const plainFma = await compile("plain-fma");
  const shared = await compile("shared");
  const sharedFma = await compile("shared-fma");
  mkdirSync(outDir, { recursive: true });
  const ts = [
    "// Generated by scripts/build-wasm.mjs from src/backend/wasm/assembly/*.as; do not edit.\n",
    embed("WASM_MODULE_BASE64", "The kernels module with its own exported memory", plain.wasm),
    embed("WASM_MODULE_FMA_BASE64", "The same with relaxed SIMD (fused multiply-add)", plainFma.wasm),
    embed("WASM_SHARED_MODULE_BASE64", "The kernels module importing a shared env.memory (for worker threads)", shared.wasm),
    embed("WASM_SHARED_MODULE_FMA_BASE64", "The same with relaxed SIMD (fused multiply-add)", sharedFma.wasm),
  ].join("\n");
  writeFileSync(join(outDir, "module.ts"), ts);
  writeFileSync(join(outDir, "exports.ts"), exportsModule(exportsOf(plain.dts, "plain"), exportsOf(shared.dts, "shared")));
  if (process.argv.includes("--wat")) {
    writeFileSync(join(outDir, "module.wat"), plain.wat);
    writeFileSync(join(outDir, "module-fma.wat"), plainFma.wat);
    writeFileSync(join(outDir, "module-shared.wat"), shared.wat);
  }
  const sizes = [plain, plainFma, shared, sharedFma].map((v) => v.wasm.length).join(" + ");
  process.stdout.write(`build-wasm: ${sources.join(", ")} -> ${sizes} bytes\n`);
} catch (err) {
  process.stderr.write(`${err.message}\n`);
  process.exit(1);
}
