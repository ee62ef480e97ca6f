/** The Jupyter message contents the kernel reads and writes (messaging protocol 5.3). */

/** Sends one iopub message, e.g. `publish("stream", { name: "stdout", text })`. */
export type Publish = (msgType: string, content: object) => void;

/** The fields of an `execute_request` the kernel uses. */
export interface ExecuteRequest {
  code: string;
  silent: boolean;
  storeHistory: boolean;
  stopOnError: boolean;
}

/** `{ ename, evalue, traceback }` of `error` messages and failed `execute_reply`s. */
export interface ErrorContent {
  ename: string;
  evalue: string;
  traceback: string[];
}

/** The content of an `execute_reply`. */
export type ExecuteReply =
  | { status: "ok"; execution_count: number; user_expressions: object; payload: object[] }
  | ({ status: "error"; execution_count: number } & ErrorContent)
  | { status: "aborted"; execution_count: number };

/** Reads an `execute_request` content with the protocol's defaults. */
export function readExecuteRequest(content: unknown): ExecuteRequest {
  const field = (name: string): unknown =>
    typeof content === "object" && content !== null ? Reflect.get(content, name) : undefined;
  const code = field("code");
  const silent = field("silent") === true;
  return {
    code: typeof code === "string" ? code : "",
    silent,
    storeHistory: !silent && field("store_history") !== false,
    stopOnError: field("stop_on_error") !== false,
  };
}

/** Reads a boolean field of a request content, `fallback` when absent. */
export function readFlag(content: unknown, name: string, fallback: boolean): boolean {
  if (typeof content !== "object" || content === null) return fallback;
  const value: unknown = Reflect.get(content, name);
  return typeof value === "boolean" ? value : fallback;
}

/** Reads `code` and `cursor_pos` of an inspect or complete request (cursor at the end if absent). */
export function readPosition(content: unknown): { code: string; position: number } {
  const field = (name: string): unknown =>
    typeof content === "object" && content !== null ? Reflect.get(content, name) : undefined;
  const raw = field("code");
  const code = typeof raw === "string" ? raw : "";
  const cursor = field("cursor_pos");
  if (typeof cursor !== "number") return { code, position: code.length };
  // Jupyter counts the cursor in code points; JavaScript strings index UTF-16 units.
  return { code, position: Array.from(code).slice(0, Math.max(cursor, 0)).join("").length };
}
