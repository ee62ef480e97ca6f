/**
 * The seqgrad kernel bridge inside the worker (see the library's runtime/kernel-bridge.ts):
 * `display()` handles and live training curves post their bundles to the page, and the running
 * cell's abort signal is tripped by an interrupt. On a cross-origin isolated page the interrupt is
 * a shared Int32 flag the signal reads each time a loop asks `aborted`, so a synchronous training
 * loop stops between two steps; elsewhere it arrives as a message, which only a cell that awaits
 * can receive.
 */
import { KERNEL_BRIDGE_KEY, KERNEL_BRIDGE_PROTOCOL } from "seqgrad";
import type { Bundle, FromWorker } from "../protocol";
import { InterruptError } from "./cell-errors";

const INTERRUPT_MESSAGE = "the cell was interrupted";

export class WorkerBridge {
  private cell: number | undefined;
  private controller: AbortController | undefined;
  private signal: AbortSignal | undefined;

  constructor(
    private readonly post: (message: FromWorker) => void,
    private readonly flag: Int32Array | null,
  ) {}

  /** Puts the bridge on the global the library looks for. */
  install(): void {
    Reflect.set(globalThis, KERNEL_BRIDGE_KEY, {
      protocol: KERNEL_BRIDGE_PROTOCOL,
      display: (bundle: Bundle, displayId: string, update: boolean): void => this.post({ type: "display", bundle, displayId, update }),
      currentCell: (): number | undefined => this.cell,
      currentAbortSignal: (): AbortSignal | undefined => this.signal,
    });
  }

  /** A fresh signal for cell `count`; clears an interrupt left from before. */
  beginCell(count: number): void {
    if (this.flag !== null) Atomics.store(this.flag, 0, 0);
    this.cell = count;
    this.controller = new AbortController();
    this.signal = this.flaggedSignal(this.controller);
  }

  endCell(): void {
    this.cell = undefined;
  }

  /** True when an interrupt arrived for the running cell. */
  interrupted(): boolean {
    return this.signal?.aborted ?? false;
  }

  /** Aborts the running cell's signal (the message path). */
  interrupt(): void {
    this.controller?.abort(new InterruptError(INTERRUPT_MESSAGE));
  }

  /** A signal whose `aborted` also reads the shared flag, aborting itself when the flag is set. */
  private flaggedSignal(controller: AbortController): AbortSignal {
    const signal = controller.signal;
    const flag = this.flag;
    if (flag === null) return signal;
    Object.defineProperty(signal, "aborted", {
      get(): boolean {
        const aborted = Reflect.get(AbortSignal.prototype, "aborted", signal) as boolean;
        if (!aborted && Atomics.load(flag, 0) === 1) controller.abort(new InterruptError(INTERRUPT_MESSAGE));
        return Reflect.get(AbortSignal.prototype, "aborted", signal) as boolean;
      },
    });
    return signal;
  }
}
