/**
 * Sends what code writes to process.stdout / process.stderr to the notebook as `stream`
 * messages, in the output of the cell that wrote it (also for timers and loops still running
 * after their cell returned). Before the first cell, writes go to the kernel's own log.
 */
import type { CellContexts } from "./cell-context";

const decoder = new TextDecoder();

/** The original stderr writer, for the kernel's own log lines. */
export type LogWriter = (text: string) => void;

/** Redirects both streams; returns a writer to the original stderr. */
export function routeOutput(cells: CellContexts): LogWriter {
  const originalErr = process.stderr.write.bind(process.stderr);
  redirect(process.stdout, "stdout", cells);
  redirect(process.stderr, "stderr", cells);
  return (text: string): void => {
    originalErr(text);
  };
}

function redirect(stream: NodeJS.WriteStream, name: "stdout" | "stderr", cells: CellContexts): void {
  const original = stream.write.bind(stream);
  const write = (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
    const cell = cells.currentOrLatest();
    if (cell === undefined) return original(chunk);
    const text = typeof chunk === "string" ? chunk : decoder.decode(chunk);
    cell.publish("stream", { name, text });
    const callback = rest.find((arg): arg is () => void => typeof arg === "function");
    if (callback !== undefined) process.nextTick(callback);
    return true;
  };
  stream.write = write;
}
