/**
 * The bridge between seqgrad and a notebook kernel. The library never imports a kernel: a kernel
 * that supports seqgrad installs an object of this shape on `globalThis[Symbol.for("seqgrad.kernel")]`
 * before running cells (our kernel's launcher does), and `display` / `currentAbortSignal` use it
 * when it is there. Without it (plain Node, tests, other kernels) they fall back to stdout and to
 * "never aborted".
 */
import { KERNEL_BRIDGE_PROTOCOL } from "./bridge-protocol";
import { denoBridge } from "./deno-bridge";
import type { AbortSignalLike } from "./abort-signal";
import type { MimeBundle } from "./mime-bundle";

/** The global symbol a kernel installs its bridge on. */
export const KERNEL_BRIDGE_KEY: unique symbol = Symbol.for("seqgrad.kernel");

export { KERNEL_BRIDGE_PROTOCOL };

/** What a kernel offers the library. */
export interface KernelBridge {
  /** Protocol version; 1 is described here. */
  readonly protocol: number;
  /**
   * Sends a bundle to the notebook: `display_data` when `update` is false, otherwise
   * `update_display_data` replacing every output shown with `displayId`.
   */
  display(bundle: MimeBundle, displayId: string, update: boolean): void;
  /** A key of the cell whose code is running (its execution count), undefined between cells. */
  currentCell(): number | undefined;
  /** The abort signal of the cell whose code is running; the kernel aborts it on interrupt. */
  currentAbortSignal(): AbortSignalLike | undefined;
  /**
   * Resolves once every display sent so far has left for the notebook. Optional: a kernel that
   * sends synchronously (ours) leaves it out; Deno's kernel sends asynchronously and has it.
   */
  displaysSent?(): Promise<void>;
}

/**
 * Resolves when every display and update sent so far has reached the kernel's output channel.
 * Awaited at the end of `train`, so an awaited training cell's last curve update is not sent
 * after the cell has ended (on kernels whose display is asynchronous, such as Deno's).
 */
export function displaysSent(): Promise<void> {
  return kernelBridge()?.displaysSent?.() ?? Promise.resolve();
}

/**
 * The installed kernel bridge, else the one over Deno's kernel (`deno jupyter`), else undefined
 * (outside a kernel, or for an unknown protocol).
 */
export function kernelBridge(): KernelBridge | undefined {
  const candidate: unknown = Reflect.get(globalThis, KERNEL_BRIDGE_KEY);
  return isKernelBridge(candidate) ? candidate : denoBridge();
}

function isKernelBridge(value: unknown): value is KernelBridge {
  if (typeof value !== "object" || value === null) return false;
  const methods = ["display", "currentCell", "currentAbortSignal"];
  return (
    Reflect.get(value, "protocol") === KERNEL_BRIDGE_PROTOCOL &&
    methods.every((name) => typeof Reflect.get(value, name) === "function")
  );
}
