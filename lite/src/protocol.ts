/**
 * The messages between the page's kernel object (app/kernel.ts) and the kernel's Web Worker
 * (worker/index.ts). Requests carry an id; the worker answers each with one `reply` of that id.
 * Output (streams, displays) flows from the worker as it happens.
 */

/** MIME type to data. */
export type Bundle = Record<string, unknown>;

/** What the worker needs before its first cell. */
export interface InitRequest {
  type: "init";
  /** The URL of the site's `files/` folder, ending in "/". */
  filesUrl: string;
  /** The URL of the kernel's type bundle (lib and seqgrad declarations), for completion. */
  typesUrl: string;
  /** The folder of the notebook, relative to `files/` ("" for the top). */
  location: string;
  /** `process.env` in the cells, e.g. `{ SEQGRAD_QUICK: "1" }`. */
  env: Record<string, string>;
  /** One Int32 slot set to 1 by an interrupt (cross-origin isolated pages only). */
  interruptFlag: SharedArrayBuffer | null;
}

export interface ExecuteRequest {
  type: "execute";
  id: number;
  code: string;
  /** The cell's execution count, its name in tracebacks (`In[3]`). */
  count: number;
}

export interface CompleteRequest {
  type: "complete";
  id: number;
  code: string;
  cursor: number;
}

export interface InspectRequest {
  type: "inspect";
  id: number;
  code: string;
  cursor: number;
}

/** Interrupt by message: reaches a cell that awaits; a busy loop reads the shared flag instead. */
export interface InterruptRequest {
  type: "interrupt";
}

export type ToWorker = InitRequest | ExecuteRequest | CompleteRequest | InspectRequest | InterruptRequest;

/** A failed cell, as Jupyter shows it. */
export interface ErrorContent {
  ename: string;
  evalue: string;
  traceback: string[];
}

export interface ExecuteResult {
  /** The last expression's bundle; null when the cell shows nothing. */
  bundle: Bundle | null;
  error: ErrorContent | null;
}

export interface CompleteResult {
  matches: string[];
  cursorStart: number;
  cursorEnd: number;
  /** Kind per match (`function`, `class`, `variable`, ...), as JupyterLab's completer shows them. */
  types: { start: number; end: number; text: string; type: string }[];
}

export interface InspectResult {
  found: boolean;
  bundle: Bundle;
}

export type ReplyValue = ExecuteResult | CompleteResult | InspectResult;

export type FromWorker =
  | { type: "ready" }
  | { type: "reply"; id: number; value: ReplyValue }
  | { type: "stream"; name: "stdout" | "stderr"; text: string }
  | { type: "display"; bundle: Bundle; displayId: string; update: boolean };
