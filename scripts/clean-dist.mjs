// Empties dist/ before tsc writes it again: tsc never deletes the output of a source file that was
// removed or renamed, and an old dist/viz/layout.js (from before src/viz/layout/ was a folder) would
// still be the file `require("./layout")` finds, with a dependency the package no longer has.
import { rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
rmSync(join(root, "dist"), { recursive: true, force: true });
