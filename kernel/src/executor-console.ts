/**
 * The console tslab's executor reports to. tslab calls `log` only with the value of a cell's last
 * expression and `error` only for compile diagnostics and thrown values; both are recorded on the
 * calling cell instead of being printed, so the runner can send an `execute_result` with the whole
 * bundle and a proper `error` message.
 */
import type { ConsoleInterface } from "tslab/dist/executor";
import type { CellContexts } from "./cell-context";
import { readFailure } from "./jupyter-error";

/** A console that records results and failures on the current cell. */
export function createExecutorConsole(cells: CellContexts, fallback: (text: string) => void): ConsoleInterface {
  return {
    log(value?: unknown): void {
      const cell = cells.current();
      if (cell === undefined) fallback(`${String(value)}\n`);
      else cell.lastValue = { value };
    },
    error(...args: unknown[]): void {
      const cell = cells.current();
      if (cell === undefined) fallback(`${args.map(String).join(" ")}\n`);
      else cell.failures.push(readFailure(args));
    },
  };
}
