/**
 * Runs execute requests one after another on tslab's executor and speaks the protocol around
 * them: `execute_input`, the last value as an `execute_result` with its full MIME bundle, an
 * `error` message, and the reply. After an error, requests queued before it are aborted unless
 * the failing request said `stop_on_error: false` (nbconvert's `--allow-errors`).
 */
import type { Executor } from "tslab/dist/executor";
import { CellContexts, createCellContext } from "./cell-context";
import type { CellContext } from "./cell-context";
import { displayBundle } from "./display-bundle";
import { outputMetadata } from "./png-metadata";
import { bufferStreams } from "./stream-buffer";
import { InterruptedBeforeRunning } from "./interrupt";
import { formatDiagnostics, toJupyterError } from "./jupyter-error";
import { helpQuery, unknownName } from "./help-cell";
import type { ErrorContent, ExecuteReply, ExecuteRequest, Publish } from "./messages";

/** Serializes cells and turns their outcome into Jupyter messages. */
export class CellRunner {
  private executionCount = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private received = 0;
  private finished = 0;
  private interruptPending = false;
  /** Requests numbered up to this one are aborted (they were queued before an error). */
  private abortThrough = 0;

  constructor(
    private readonly executor: Executor,
    private readonly cells: CellContexts,
    /** Told when each cell starts and ends (see preempt.ts). */
    private readonly phases: { cellStarts(): void; cellEnds(): void } = { cellStarts: () => undefined, cellEnds: () => undefined },
    /** The documentation bundle of a name, for help cells such as `nn.LSTM?` (see help-cell.ts). */
    private readonly help?: (name: string) => Record<string, string> | undefined,
  ) {}

  /** Queues `request`; resolves to its `execute_reply` content once it ran (or was aborted). */
  execute(request: ExecuteRequest, publish: Publish): Promise<ExecuteReply> {
    const number = ++this.received;
    const task = this.queue.then(() => this.run(number, request, publish));
    this.queue = task.catch(() => undefined);
    void this.queue.then(() => this.finished++);
    return task;
  }

  /** Whether no request is running or waiting. */
  get idle(): boolean {
    return this.finished === this.received;
  }

  /** Ends the next cell that starts with an `Interrupt` before any of its code runs. */
  interruptNext(): void {
    this.interruptPending = true;
  }

  private async run(number: number, request: ExecuteRequest, publish: Publish): Promise<ExecuteReply> {
    if (number <= this.abortThrough) return { status: "aborted", execution_count: this.executionCount };
    const count = request.storeHistory ? ++this.executionCount : this.executionCount;
    const out: Publish = request.silent ? () => undefined : publish;
    out("execute_input", { code: request.code, execution_count: count });
    const asked = this.help === undefined ? undefined : helpQuery(request.code);
    if (asked !== undefined) return this.answerHelp(asked, count, out, request.stopOnError);
    const streams = bufferStreams(out);
    const cell = createCellContext(count, streams.publish);
    const ok = await this.cells.run(cell, () => this.executeCode(cell, request.code));
    const error = ok ? this.sendResult(cell) : toJupyterError(cell.failures);
    if (error !== undefined) cell.publish("error", error);
    streams.flush();
    if (error === undefined) return { status: "ok", execution_count: count, user_expressions: {}, payload: [] };
    if (request.stopOnError) this.abortThrough = this.received;
    return { status: "error", execution_count: count, ...error };
  }

  /** A help cell's reply: the name's documentation as the cell's output, or an error naming it. */
  private answerHelp(name: string, count: number, out: Publish, stopOnError: boolean): ExecuteReply {
    const data = this.help?.(name);
    if (data !== undefined) {
      out("display_data", { data, metadata: {}, transient: {} });
      return { status: "ok", execution_count: count, user_expressions: {}, payload: [] };
    }
    const error: ErrorContent = { ename: "NameError", evalue: unknownName(name), traceback: [`NameError: ${unknownName(name)}`] };
    out("error", error);
    if (stopOnError) this.abortThrough = this.received;
    return { status: "error", execution_count: count, ...error };
  }

  /**
   * Runs the code; a failure of the compiler itself counts as the cell's error. The code starts in
   * a macrotask of its own, after the kernel's pending promise jobs ran: an interrupt that has to
   * terminate the cell (see preempt-worker.ts) drops the promise jobs queued with the cell's, and
   * those must never be the kernel's own (its socket loops would stop).
   */
  private async executeCode(cell: CellContext, code: string): Promise<boolean> {
    try {
      // From here until its compilation returns, an interrupt ends the cell before it runs.
      this.phases.cellStarts();
      await new Promise((resolve) => setImmediate(resolve));
      if (this.interruptPending) {
        this.interruptPending = false;
        throw new InterruptedBeforeRunning();
      }
      return await this.executor.execute(code);
    } catch (error) {
      cell.failures.push({ kind: "thrown", value: error });
      return false;
    } finally {
      this.phases.cellEnds();
    }
  }

  /** Sends the cell's warnings and last value; returns an error if the value cannot be shown. */
  private sendResult(cell: CellContext): ErrorContent | undefined {
    const warnings = formatDiagnostics(cell.failures);
    if (warnings.length > 0) cell.publish("stream", { name: "stderr", text: `${warnings.join("\n")}\n` });
    const last = cell.lastValue;
    cell.lastValue = undefined;
    if (last === undefined || last.value === undefined) return undefined;
    try {
      const data = displayBundle(last.value);
      if (data !== undefined) cell.publish("execute_result", { execution_count: cell.count, data, metadata: outputMetadata(data) });
      return undefined;
    } catch (error) {
      return toJupyterError([{ kind: "thrown", value: error }]);
    }
  }
}
