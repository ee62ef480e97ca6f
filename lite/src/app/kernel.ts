/**
 * The seqgrad TypeScript kernel on the page: a JupyterLite kernel (BaseKernel answers the Jupyter
 * protocol) whose cells run in a Web Worker (../worker/index.ts). Interrupt: on a cross-origin
 * isolated page, a shared flag that seqgrad's training loop reads between steps, plus a message
 * for cells that await; a cell that has not stopped after a grace period (a loop that never checks
 * for interrupts, or any busy loop on a page without isolation) is ended by restarting the worker,
 * and the cell's error says that the kernel's variables are gone.
 */
import type { KernelMessage } from "@jupyterlab/services";
import { BaseKernel, type IKernel } from "@jupyterlite/services";
import type { CompleteResult, ExecuteResult, FromWorker, InspectResult, ReplyValue, ToWorker } from "../protocol";

/** How long display updates are collected before the latest of each is drawn. */
const UPDATE_DELAY_MS = 50;

/** How long an interrupted cell may take to stop before the worker is restarted. */
export const INTERRUPT_GRACE_MS = 3000;

/** Where the site keeps the kernel's files, and the cells' `process.env`. */
export interface SeqgradKernelOptions extends IKernel.IOptions {
  workerUrl: string;
  filesUrl: string;
  typesUrl: string;
  env: Record<string, string>;
}

type Pending = { resolve: (value: ReplyValue) => void; request: ToWorker };

export class SeqgradKernel extends BaseKernel {
  private worker: Worker;
  private ready_: Promise<void>;
  private readonly flag: Int32Array | null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private interruptTimer: ReturnType<typeof setTimeout> | undefined;
  /** The latest update per display id not yet published (see `receive`). */
  private readonly updates = new Map<string, FromWorker & { type: "display" }>();
  private updateTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: SeqgradKernelOptions) {
    super(options);
    const isolated = typeof SharedArrayBuffer === "function" && globalThis.crossOriginIsolated === true;
    this.flag = isolated ? new Int32Array(new SharedArrayBuffer(4)) : null;
    [this.worker, this.ready_] = this.startWorker();
  }

  override get ready(): Promise<void> {
    return this.ready_;
  }

  /** True when interrupts reach a busy loop (the page is cross-origin isolated). */
  get sharedInterrupt(): boolean {
    return this.flag !== null;
  }

  override dispose(): void {
    if (this.isDisposed) return;
    this.worker.terminate();
    if (this.updateTimer !== undefined) clearTimeout(this.updateTimer);
    super.dispose();
  }

  /** Asks the running cell to stop; restarts the worker if it has not stopped in time. */
  interrupt(): void {
    if (this.flag !== null) Atomics.store(this.flag, 0, 1);
    this.worker.postMessage({ type: "interrupt" } satisfies ToWorker);
    const running = [...this.pending.values()].some((p) => p.request.type === "execute");
    if (!running || this.interruptTimer !== undefined) return;
    this.interruptTimer = setTimeout(() => {
      this.interruptTimer = undefined;
      if ([...this.pending.values()].some((p) => p.request.type === "execute")) this.restartWorker();
    }, INTERRUPT_GRACE_MS);
  }

  async kernelInfoRequest(): Promise<KernelMessage.IInfoReplyMsg["content"]> {
    return {
      status: "ok",
      protocol_version: "5.3",
      implementation: "seqgrad-lite",
      implementation_version: "0.1.0",
      language_info: {
        name: "typescript",
        version: "5.9",
        mimetype: "text/typescript",
        file_extension: ".ts",
        codemirror_mode: { name: "javascript", typescript: true },
        pygments_lexer: "typescript",
      },
      banner: "TypeScript (seqgrad) in the browser: cells run in a Web Worker with seqgrad's WebAssembly backend",
      help_links: [],
    };
  }

  async executeRequest(content: KernelMessage.IExecuteRequestMsg["content"]): Promise<KernelMessage.IExecuteReplyMsg["content"]> {
    const count = this.executionCount;
    const result = (await this.request({ type: "execute", id: 0, code: content.code, count })) as ExecuteResult;
    if (result.error !== null) {
      this.publishExecuteError(result.error);
      return { status: "error", execution_count: count, ...result.error };
    }
    if (result.bundle !== null) this.publishExecuteResult({ execution_count: count, data: result.bundle as never, metadata: {} });
    return { status: "ok", execution_count: count, user_expressions: {} };
  }

  async completeRequest(content: KernelMessage.ICompleteRequestMsg["content"]): Promise<KernelMessage.ICompleteReplyMsg["content"]> {
    const result = (await this.request({ type: "complete", id: 0, code: content.code, cursor: content.cursor_pos })) as Partial<CompleteResult>;
    return {
      status: "ok",
      matches: result.matches ?? [],
      cursor_start: result.cursorStart ?? content.cursor_pos,
      cursor_end: result.cursorEnd ?? content.cursor_pos,
      metadata: { _jupyter_types_experimental: result.types ?? [] },
    };
  }

  async inspectRequest(content: KernelMessage.IInspectRequestMsg["content"]): Promise<KernelMessage.IInspectReplyMsg["content"]> {
    const result = (await this.request({ type: "inspect", id: 0, code: content.code, cursor: content.cursor_pos })) as Partial<InspectResult>;
    return { status: "ok", found: result.found ?? false, data: (result.bundle ?? {}) as never, metadata: {} };
  }

  async isCompleteRequest(content: KernelMessage.IIsCompleteRequestMsg["content"]): Promise<KernelMessage.IIsCompleteReplyMsg["content"]> {
    const open = [...content.code].reduce((depth, c) => depth + ("([{".includes(c) ? 1 : ")]}".includes(c) ? -1 : 0), 0);
    return open > 0 ? { status: "incomplete", indent: "  " } : { status: "complete" };
  }

  async commInfoRequest(): Promise<KernelMessage.ICommInfoReplyMsg["content"]> {
    return { status: "ok", comms: {} };
  }

  inputReply(): void {}

  async commOpen(): Promise<void> {}

  async commMsg(): Promise<void> {}

  async commClose(): Promise<void> {}

  private request(request: ToWorker & { id: number }): Promise<ReplyValue> {
    const id = this.nextId++;
    const message = { ...request, id };
    return new Promise((resolve) => {
      this.pending.set(id, { resolve, request: message });
      this.worker.postMessage(message);
    });
  }

  private startWorker(): [Worker, Promise<void>] {
    const worker = new Worker(this.options.workerUrl, { name: `seqgrad-kernel-${this.id}` });
    let started = false;
    const ready = new Promise<void>((resolve, reject) => {
      worker.onerror = (event): void => {
        // before "ready": the kernel cannot start; after: an error no cell caught (a timer's),
        // which the worker survives, so it is shown and the kernel goes on
        if (!started) reject(new Error(`seqgrad kernel: the worker failed to start: ${event.message}`));
        else this.stream({ name: "stderr", text: `Uncaught error in the kernel's worker: ${event.message}\n` });
        event.preventDefault();
      };
      worker.onmessage = (event: MessageEvent<FromWorker>): void => {
        if (event.data.type === "ready") {
          started = true;
          resolve();
        }
        this.receive(event.data);
      };
    });
    worker.postMessage({
      type: "init",
      filesUrl: this.options.filesUrl,
      typesUrl: this.options.typesUrl,
      location: this.location,
      env: this.options.env,
      interruptFlag: this.flag === null ? null : (this.flag.buffer as SharedArrayBuffer),
    } satisfies ToWorker);
    return [worker, ready];
  }

  /** Ends a cell that ignores interrupts: a new worker, and an error reply for what was waiting. */
  private restartWorker(): void {
    this.worker.terminate();
    this.flushUpdates();
    const why = this.flag === null
      ? "this page is not cross-origin isolated, so an interrupt cannot reach a busy loop"
      : `the cell did not stop within ${INTERRUPT_GRACE_MS / 1000} s (a loop that never calls seqgrad's train() or throwIfAborted())`;
    const error = {
      ename: "Interrupt",
      evalue: `the kernel was restarted to stop the cell: ${why}; every variable is gone, run the notebook's cells again`,
      traceback: [] as string[],
    };
    error.traceback = [`Interrupt: ${error.evalue}`];
    for (const [id, { resolve, request }] of this.pending) {
      this.pending.delete(id);
      resolve(request.type === "execute" ? { bundle: null, error } : ({} as ReplyValue));
    }
    if (this.flag !== null) Atomics.store(this.flag, 0, 0);
    [this.worker, this.ready_] = this.startWorker();
  }

  /**
   * Publishes what the worker sent. Display updates are coalesced: when the page is slower to draw
   * a figure than the worker is to update it (live curves on a busy machine), only the latest
   * state of each display is drawn; anything else first publishes the pending updates, in order.
   */
  private receive(message: FromWorker): void {
    if (message.type === "display" && message.update) {
      this.updates.set(message.displayId, message);
      this.updateTimer ??= setTimeout(() => this.flushUpdates(), UPDATE_DELAY_MS);
      return;
    }
    this.flushUpdates();
    this.publish(message);
  }

  private flushUpdates(): void {
    if (this.updateTimer !== undefined) clearTimeout(this.updateTimer);
    this.updateTimer = undefined;
    const pending = [...this.updates.values()];
    this.updates.clear();
    for (const message of pending) this.publish(message);
  }

  private publish(message: FromWorker): void {
    switch (message.type) {
      case "reply": {
        const waiting = this.pending.get(message.id);
        this.pending.delete(message.id);
        waiting?.resolve(message.value);
        break;
      }
      case "stream":
        this.stream({ name: message.name, text: message.text });
        break;
      case "display": {
        const content = { data: message.bundle as never, metadata: {}, transient: { display_id: message.displayId } };
        if (message.update) this.updateDisplayData(content);
        else this.displayData(content);
        break;
      }
      case "ready":
        break;
    }
  }
}
