/**
 * Compiler messages and type texts with the names a user writes instead of file-system paths.
 * TypeScript names seqgrad's types by the file that declares them:
 * `typeof import("/home/me/seqgrad/dist/nn/index")` is written `typeof nn`,
 * `import("/home/me/seqgrad/dist/nn/lstm").LSTM` is written `nn.LSTM`, and any other path inside
 * the package becomes `seqgrad` or `seqgrad.<namespace>`. Paths outside the package keep only
 * their part after `node_modules/`, or their file name. The namespaces are read from the package's
 * entry point (`export * as nn from "./nn"`).
 */
import { readFileSync } from "node:fs";
import { basename, join } from "node:path";

/** A folder of the built package and the public namespace it is exported as. */
interface NamespaceDir {
  dir: string;
  name: string;
}

/** The package name users import. */
const PACKAGE = "seqgrad";

let namespaces: NamespaceDir[] = [];
let packageRoot = "";

/** Reads the public namespaces of the package at `root` (its `dist/index.d.ts`). */
export function usePackage(root: string): void {
  packageRoot = root.replace(/\\/g, "/");
  let entry = "";
  try {
    entry = readFileSync(join(root, "dist", "index.d.ts"), "utf8");
  } catch {
    entry = "";
  }
  namespaces = [...entry.matchAll(/export \* as (\w+) from "\.\/([^"]+)"/g)]
    .map((m) => ({ name: m[1] ?? "", dir: m[2] ?? "" }))
    .sort((a, b) => b.dir.length - a.dir.length);
}

/** `text` with every file-system path replaced by the public name it stands for. */
export function publicNames(text: string): string {
  return text
    .replace(/typeof import\("([^"]+)"\)/g, (_, path: string) => `typeof ${moduleName(path)}`)
    .replace(/import\("([^"]+)"\)\.([\w$]+)/g, (_, path: string, name: string) => qualified(path, name))
    .replace(/(["'])(\/[^"'\s]+|[A-Za-z]:[\\/][^"'\s]+)\1/g, (_, quote: string, path: string) => `${quote}${moduleName(path)}${quote}`)
    .replace(/(?:\/[\w.@+-]+)+\/[\w.@+-]+\.(?:d\.ts|ts|js)/g, (path) => shortPath(path));
}

/** `nn`, `seqgrad` (the entry point), or a short path for a file outside the package. */
function moduleName(path: string): string {
  const rel = packagePath(path);
  if (rel === undefined) return shortPath(path);
  return namespaceOf(rel) ?? PACKAGE;
}

function qualified(path: string, name: string): string {
  const rel = packagePath(path);
  if (rel === undefined) return name;
  const namespace = namespaceOf(rel);
  return namespace === undefined ? name : `${namespace}.${name}`;
}

/** The namespace exporting the module at `rel` (e.g. `nn/lstm` -> `nn`), if any. */
function namespaceOf(rel: string): string | undefined {
  const found = namespaces.find((n) => rel === n.dir || rel === `${n.dir}/index` || rel.startsWith(`${n.dir}/`));
  return found?.name;
}

/** The path inside the package's `dist/` (without extension), or undefined outside the package. */
function packagePath(path: string): string | undefined {
  const normal = path.replace(/\\/g, "/");
  const inside = normal.startsWith(`${packageRoot}/`) ? normal.slice(packageRoot.length) : /.*\/seqgrad(\/(?:dist|src)\/.*)$/.exec(normal)?.[1];
  const match = /^\/(?:dist|src)\/(.+?)(?:\.d\.ts|\.ts|\.js)?$/.exec(inside ?? "");
  return match?.[1];
}

function shortPath(path: string): string {
  const normal = path.replace(/\\/g, "/");
  const at = normal.lastIndexOf("node_modules/");
  return at >= 0 ? normal.slice(at + "node_modules/".length) : basename(normal);
}
