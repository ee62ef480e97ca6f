import { IOError } from "../errors";
import { hostFiles } from "../runtime/host-files";

/**
 * The bytes of the file at `path`, for `op`. A missing file, a folder or an unreadable one throws
 * an IOError naming the op and the path (not the host's bare ENOENT or EISDIR).
 */
export function readFileFor(op: string, path: string): Uint8Array {
  if (typeof path !== "string" || path === "") throw new IOError(`${op}: path must be a non-empty string; got ${String(path)}`);
  try {
    return hostFiles(op).read(path);
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a folder" : (e as Error).message;
    throw new IOError(`${op}: cannot read ${path}; expected a file, got an error (${why})`);
  }
}
