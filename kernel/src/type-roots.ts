/**
 * Which `@types` packages every cell sees without importing them. TypeScript includes each folder
 * of every `node_modules/@types` above the notebook; in the seqgrad repository that is dozens of
 * packages (d3, react, jsdom, lodash, ...: development dependencies of the lab build), which cost
 * seconds at every kernel start and fill completion with browser names. In the repository's own
 * `node_modules/@types` only the packages in `keep` (Node's) are included; imports of the others
 * still resolve, and a user's project keeps all of its own.
 */
import { join } from "node:path";
import type { System } from "@tslab/typescript-for-tslab";

/** Limits the automatically included `@types` of the repository at `root` to `keep`. */
export function limitRepositoryTypes(sys: System, root: string, keep: readonly string[]): void {
  const folder = join(root, "node_modules", "@types");
  const { getDirectories } = sys;
  sys.getDirectories = (path) => {
    const found = getDirectories.call(sys, path);
    return path === folder ? found.filter((name) => keep.includes(name)) : found;
  };
}
