import { hostFiles } from "../runtime/host-files";

/**
 * Writes a file so that readers see either the old contents or the new, never a mix (in Node: a
 * flushed temporary file renamed over `path`; see runtime/node-files.ts). Any other host's files
 * (a browser kernel's) promise the same.
 */
export function writeFileAtomic(path: string, pieces: Iterable<Uint8Array>): void {
  hostFiles("writeFileAtomic").write(path, pieces);
}
