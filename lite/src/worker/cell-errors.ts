/**
 * A failed cell as Jupyter shows it, in the Node kernel's format: the error's class name and
 * message, then the cell frames of its stack as `Cell In[3], line 2, in train` with that line of
 * the cell (frames inside seqgrad and the kernel are left out).
 */
import type { ErrorContent } from "../protocol";
import { CellSyntaxError } from "./cell-compiler";

/** A frame of cell code: `at train (In[3]:4:9)`, `at In[3]:6:1`, `at async In[3]:2:3`. */
const CELL_FRAME = /^\s+at (?:(.+?) \()?.*?\bIn\[(\d+)\]:(\d+):\d+\)?$/;

/** The source of a cell that ran: its lines and where each emitted line came from. */
export interface CellRecord {
  source: string[];
  /** Emitted-body line (0-based) to cell line (0-based). */
  lines: number[];
  /** Lines of the evaluated text before the body's first line. */
  offset: number;
}

/** What an interrupt throws into a cell that awaits, and what it reports. */
export class InterruptError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "Interrupt";
  }
}

/** Jupyter's error content for `value`, thrown by the cell `In[count]` (or a cell it called). */
export function errorContent(value: unknown, cells: ReadonlyMap<number, CellRecord>): ErrorContent {
  if (value instanceof CellSyntaxError) {
    const more = value.all.length > 1 ? ` (and ${value.all.length - 1} more)` : "";
    return { ename: "TSError", evalue: `${value.message}${more}`, traceback: ["TSError: TypeScript syntax errors", ...value.all] };
  }
  if (value instanceof Error) {
    const ename = value.name || "Error";
    const frames = (value.stack ?? "").split("\n").filter((line) => /^\s+at /.test(line));
    const cellFrames = frames.flatMap((frame) => cellFrame(frame, cells));
    const hidden = frames.length - cellFrames.length;
    const note = cellFrames.length === 0 && hidden > 0 ? [`(${hidden} frames inside seqgrad and the kernel hidden)`] : [];
    return { ename, evalue: value.message, traceback: [`${ename}: ${value.message}`, ...cellFrames, ...note] };
  }
  const evalue = describe(value);
  return { ename: "Uncaught", evalue, traceback: [`Uncaught ${evalue}`] };
}

function cellFrame(frame: string, cells: ReadonlyMap<number, CellRecord>): string[] {
  const match = CELL_FRAME.exec(frame);
  if (match === null) return [];
  const count = Number(match[2]);
  const cell = cells.get(count);
  if (cell === undefined) return [];
  const bodyLine = Number(match[3]) - 1 - cell.offset;
  // the wrapper's own lines (before and after the body) are the kernel's, not the student's
  const mapped = cell.lines[bodyLine];
  if (bodyLine < 0 || mapped === undefined || mapped >= cell.source.length) return [];
  const line = mapped + 1;
  const text = (cell.source[line - 1] ?? "").trim();
  const fn = match[1]?.replace(/^(async |new )/, "").replace(/^Object\./, "");
  const name = fn === undefined || fn === "eval" || fn.startsWith("In[") ? "" : `, in ${fn}`;
  return [`Cell In[${count}], line ${line}${name}\n----> ${line} ${text}`];
}

function describe(value: unknown): string {
  try {
    return typeof value === "string" ? JSON.stringify(value) : String(value);
  } catch {
    return "a value that cannot be printed";
  }
}
