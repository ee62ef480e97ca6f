// Makes `seqgrad` resolvable by name from every folder of the repository (notebooks/ included),
// also for resolvers that ignore package self-references (TypeScript's Node10 mode used by tslab).
import { existsSync, lstatSync, mkdirSync, symlinkSync, unlinkSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const link = join(root, "node_modules", "seqgrad");
mkdirSync(join(root, "node_modules"), { recursive: true });
if (existsSync(link) || isDanglingLink(link)) {
  if (lstatSync(link).isSymbolicLink()) unlinkSync(link);
}
if (!existsSync(link)) symlinkSync("..", link, "dir");

function isDanglingLink(path) {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}
