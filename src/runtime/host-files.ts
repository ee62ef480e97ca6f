/**
 * Files, the library's other door to its host. Reading a corpus and saving a checkpoint go through
 * a `HostFiles` object: in Node (and Deno) the one built on `node:fs`; elsewhere (a browser kernel
 * in a Web Worker) the one a kernel installs on `globalThis[Symbol.for("seqgrad.files")]`, e.g.
 * reading the site's files and keeping written ones in memory. An installed one wins, so a kernel
 * can also serve files in Node.
 */
import { ValueError } from "../errors";
import { nodeFiles } from "./node-files";

/** The global symbol a kernel installs its files on. */
export const HOST_FILES_KEY: unique symbol = Symbol.for("seqgrad.files");

/** What the library needs of a file system. Paths are the host's own (absolute or relative). */
export interface HostFiles {
  /** The folder of the bundled corpora (`tinyshakespeare.txt`, `eng-fra-tatoeba.tsv`). */
  dataDir(): string;
  /** `folder` and `name` joined with the host's separator. */
  join(folder: string, name: string): string;
  /** True when `path` names an existing file. */
  exists(path: string): boolean;
  /** The bytes of the file at `path`; throws when it cannot be read. */
  read(path: string): Uint8Array;
  /** Replaces the file at `path` by `pieces`, all or nothing (readers see the old or the new). */
  write(path: string, pieces: Iterable<Uint8Array>): void;
}

/**
 * The host's files: the installed ones, else Node's. Throws `ValueError` naming `op` in a runtime
 * with neither (a plain browser page), before anything is read or written.
 */
export function hostFiles(op: string): HostFiles {
  const installed: unknown = Reflect.get(globalThis, HOST_FILES_KEY);
  if (isHostFiles(installed)) return installed;
  const node = nodeFiles();
  if (node !== undefined) return node;
  throw new ValueError(
    `${op}: files need a host file system; expected Node, Deno or a kernel that installs ` +
      `globalThis[Symbol.for("seqgrad.files")], got a runtime with none`,
  );
}

/** The text of the file at `path`, decoded as UTF-8. */
export function readText(files: HostFiles, path: string): string {
  return new TextDecoder("utf-8").decode(files.read(path));
}

function isHostFiles(value: unknown): value is HostFiles {
  if (typeof value !== "object" || value === null) return false;
  return ["dataDir", "join", "exists", "read", "write"].every((name) => typeof Reflect.get(value, name) === "function");
}
