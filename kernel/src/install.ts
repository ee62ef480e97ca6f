/**
 * Installs and removes the kernel specs: "seqgrad" ("TypeScript (seqgrad)") and "seqgrad-strict"
 * ("TypeScript (seqgrad) with strict type checking": TypeScript's `strict` options, e.g. no implicit
 * `any` and null checks). Every path in `kernel.json` is absolute and resolved
 * now (node, the launcher, NODE_PATH), so Jupyter can start the kernel from any folder, and a
 * repository path with spaces works (argv is a list, never a shell line).
 */
import { copyFileSync, existsSync, lstatSync, mkdirSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

/** One kernel spec this project provides. */
interface SpecVariant {
  name: string;
  displayName: string;
  extraArgs: string[];
}

/** The specs, default first. */
export const KERNEL_SPECS: readonly SpecVariant[] = [
  { name: "seqgrad", displayName: "TypeScript (seqgrad)", extraArgs: [] },
  // The default sorts first in a launcher (its name is a prefix of this one's) and says what differs.
  { name: "seqgrad-strict", displayName: "TypeScript (seqgrad) with strict type checking", extraArgs: ["--strict"] },
];

/** Folder holding only `seqgrad` (a link to the repository): the kernel's NODE_PATH. */
export function nodePathDir(root: string): string {
  return join(root, "kernel", "dist", "node-path");
}

/** The `kernel.json` of `variant` for the repository at `root`. */
export function kernelJson(variant: SpecVariant, root: string): object {
  return {
    argv: [process.execPath, join(root, "kernel", "dist", "main.js"), "--config-path", "{connection_file}", ...variant.extraArgs],
    display_name: variant.displayName,
    language: "typescript",
    interrupt_mode: "signal",
    env: { NODE_PATH: nodePathDir(root) },
    metadata: { debugger: false },
  };
}

/** Writes every spec into `<dataDir>/kernels/`; returns the spec folders written. */
export function installKernelSpecs(dataDir: string, root: string): string[] {
  const absoluteRoot = resolve(root);
  linkPackage(nodePathDir(absoluteRoot), absoluteRoot);
  return KERNEL_SPECS.map((variant) => {
    const dir = join(dataDir, "kernels", variant.name);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "kernel.json"), `${JSON.stringify(kernelJson(variant, absoluteRoot), null, 2)}\n`);
    for (const logo of ["logo-32x32.png", "logo-64x64.png"]) {
      copyFileSync(join(absoluteRoot, "kernel", "logos", logo), join(dir, logo));
    }
    return dir;
  });
}

/** Removes every spec from `<dataDir>/kernels/`; returns the folders that were there. */
export function uninstallKernelSpecs(dataDir: string): string[] {
  return KERNEL_SPECS.flatMap((variant) => {
    const dir = join(dataDir, "kernels", variant.name);
    if (!existsSync(dir)) return [];
    rmSync(dir, { recursive: true, force: true });
    return [dir];
  });
}

/** Makes `<dir>/seqgrad` a link to `root`, replacing a stale link. */
function linkPackage(dir: string, root: string): void {
  mkdirSync(dir, { recursive: true });
  const link = join(dir, "seqgrad");
  if (isLink(link)) unlinkSync(link);
  symlinkSync(root, link, "dir");
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}
