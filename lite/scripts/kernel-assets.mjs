/**
 * The browser kernel's files under build/kernel/: the worker (bundled by rolldown: the worker's
 * code, seqgrad's ES module build and the TypeScript compiler), the declarations its language
 * service reads (types.json: ES2022's lib files, seqgrad's .d.ts files as if installed in
 * node_modules), and the kernel logo.
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { build } from "rolldown";

/** The lib files ES2022 pulls in, by `/// <reference lib>` from lib.es2022.d.ts down to lib.es5.d.ts. */
function libFiles(libDir) {
  return readdirSync(libDir).filter((name) => /^lib\.(es5|es20(1[5-9]|2[0-2])(\.[a-z.]+)?|decorators(\.legacy)?)\.d\.ts$/.test(name));
}

function declarations(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "esm" ? [] : declarations(path);
    return name.endsWith(".d.ts") ? [path] : [];
  });
}

export async function writeKernelAssets({ root, liteDir, out }) {
  mkdirSync(out, { recursive: true });
  await build({
    input: join(liteDir, "src", "worker", "index.ts"),
    platform: "browser",
    logLevel: "warn",
    tsconfig: join(liteDir, "tsconfig.worker.json"),
    resolve: { conditionNames: ["import", "default"] },
    // seqgrad reads import.meta only on Node's paths (files, the PNG rasterizer), never in a worker
    transform: { define: { "import.meta": "{}" } },
    // keepNames: minified classes keep their names, which printed modules and graph scopes show
    output: { file: join(out, "worker.js"), format: "iife", minify: true, keepNames: true },
  });
  const typescriptLib = join(root, "node_modules", "typescript", "lib");
  const types = {};
  for (const name of libFiles(typescriptLib)) types[`/lib/${name}`] = readFileSync(join(typescriptLib, name), "utf8");
  const dist = join(root, "dist");
  for (const file of declarations(dist)) {
    types[`/node_modules/seqgrad/dist/${relative(dist, file).split("\\").join("/")}`] = readFileSync(file, "utf8");
  }
  types["/node_modules/seqgrad/package.json"] = JSON.stringify({ name: "seqgrad", types: "dist/index.d.ts" });
  writeFileSync(join(out, "types.json"), JSON.stringify(types));
  copyFileSync(join(root, "kernel", "logos", "logo-64x64.png"), join(out, "logo-64x64.png"));
  return { declarations: Object.keys(types).length };
}
