/**
 * Turns what the executor reports (TypeScript diagnostics, thrown values) into Jupyter's
 * `{ ename, evalue, traceback }`:
 * - compile errors are one `TSError` whose value gives the first error's line and column,
 *   e.g. `2:7 - Cannot find name 'foo'.`, the traceback lists them all;
 * - a thrown Error keeps its class name (`TypeError`, `ShapeError`, `AbortError`) and message;
 *   its traceback lists the frames in cells as `Cell In[3], line 2, in train` with that line's
 *   code, like IPython's; frames inside seqgrad, tslab and Node are left out unless
 *   SEQGRAD_TRACEBACK=full (then they follow, as Node prints them);
 * - compile errors name seqgrad's types as users write them (`typeof nn`), never by file path;
 * - an interrupted cell is an `Interrupt`.
 */
import { inspect } from "node:util";
import type { Failure } from "./cell-context";
import { locateFrame } from "./cell-sources";
import { InterruptedBeforeRunning } from "./interrupt";
import type { ErrorContent } from "./messages";
import { publicNames } from "./public-names";

/** A frame in a cell's code: `at train (In[3]:4:9)` or `at In[3]:6:1`. */
const CELL_FRAME = /^\s+at (?:(.+?) \()?(In\[\d+\]):(\d+):\d+\)?$/;

/** The executor's format for one diagnostic: file, line, column, message. */
export const DIAGNOSTIC_FORMAT = "%s%d:%d - %s";

/** Reads the arguments of the executor's `console.error` call as a failure. */
export function readFailure(args: unknown[]): Failure {
  const [first, file, line, column, message] = args;
  if (first === DIAGNOSTIC_FORMAT && typeof line === "number" && typeof column === "number") {
    return {
      kind: "diagnostic",
      file: typeof file === "string" ? file.trim() : "",
      line,
      column,
      message: String(message),
    };
  }
  return { kind: "thrown", value: first };
}

/** The Jupyter error of a failed cell: its compile errors if any, else its first thrown value. */
export function toJupyterError(failures: readonly Failure[]): ErrorContent {
  const diagnostics = failures.filter((f) => f.kind === "diagnostic");
  if (diagnostics.length > 0) return compileError(diagnostics);
  const thrown = failures.find((f): f is Extract<Failure, { kind: "thrown" }> => f.kind === "thrown");
  return thrownError(thrown === undefined ? new Error("the cell failed without a reason") : thrown.value);
}

/** Formats diagnostics as lines `file line:column - message` (file omitted for the cell). */
export function formatDiagnostics(failures: readonly Failure[]): string[] {
  return failures.flatMap((f) =>
    f.kind === "diagnostic" ? [`${f.file === "" ? "" : `${publicNames(f.file)} `}${f.line}:${f.column} - ${publicNames(f.message)}`] : [],
  );
}

function compileError(diagnostics: readonly Failure[]): ErrorContent {
  const lines = formatDiagnostics(diagnostics);
  const more = lines.length > 1 ? ` (and ${lines.length - 1} more)` : "";
  return { ename: "TSError", evalue: `${lines[0] ?? ""}${more}`, traceback: ["TSError: TypeScript compile errors", ...lines] };
}

function thrownError(value: unknown): ErrorContent {
  if (isInterrupt(value)) {
    const evalue = value instanceof InterruptedBeforeRunning ? value.message : "the cell was interrupted (SIGINT)";
    return { ename: "Interrupt", evalue, traceback: [`Interrupt: ${evalue}`] };
  }
  if (value instanceof Error) {
    const ename = value.name || "Error";
    const frames = (value.stack ?? "").split("\n").filter((line) => /^\s+at /.test(line));
    return { ename, evalue: value.message, traceback: [`${ename}: ${value.message}`, ...traceback(frames)] };
  }
  const evalue = inspect(value);
  return { ename: "Uncaught", evalue, traceback: [`Uncaught ${evalue}`] };
}

/** Node's "script execution interrupted" error (sync loop) or tslab's asynchronous interrupt. */
function isInterrupt(value: unknown): boolean {
  if (!(value instanceof Error)) return false;
  const code: unknown = Reflect.get(value, "code");
  return code === "ERR_SCRIPT_EXECUTION_INTERRUPTED" || value.message === "Interrupted asynchronously";
}

/** The cell frames of a stack, with their cell line; every frame under SEQGRAD_TRACEBACK=full. */
function traceback(frames: readonly string[]): string[] {
  const full = process.env["SEQGRAD_TRACEBACK"] === "full";
  const out: string[] = [];
  let hidden = 0;
  for (const frame of frames) {
    const match = CELL_FRAME.exec(frame);
    const place = match === null ? undefined : locateFrame(match[2] ?? "", Number(match[3]));
    if (match !== null && place !== undefined) {
      const name = match[1] === undefined ? "" : `, in ${match[1].replace(/^(async |new )/, "")}`;
      out.push(`Cell ${match[2]}, line ${place.line}${name}\n----> ${place.line} ${place.text.trim()}`);
    } else if (full) {
      out.push(frame);
    } else if (match === null) {
      hidden++;
    }
  }
  if (hidden > 0 && out.length === 0) out.push(`(${hidden} frames inside seqgrad and the kernel hidden; SEQGRAD_TRACEBACK=full shows them)`);
  return out;
}
