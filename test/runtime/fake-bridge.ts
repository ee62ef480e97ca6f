import { KERNEL_BRIDGE_KEY, KERNEL_BRIDGE_PROTOCOL } from "../../src/runtime";
import type { KernelBridge } from "../../src/runtime";

/** One message the fake kernel received. */
export interface SentDisplay {
  bundle: Record<string, unknown>;
  id: string;
  update: boolean;
}

/** A kernel bridge that records displays; `cell` and `signal` are set by the test. */
export interface FakeKernel {
  sent: SentDisplay[];
  cell: number | undefined;
  controller: AbortController;
}

/** Installs a recording bridge on the global symbol; `uninstallFakeKernel` removes it. */
export function installFakeKernel(): FakeKernel {
  const kernel: FakeKernel = { sent: [], cell: 1, controller: new AbortController() };
  const bridge: KernelBridge = {
    protocol: KERNEL_BRIDGE_PROTOCOL,
    display: (bundle, id, update) => kernel.sent.push({ bundle, id, update }),
    currentCell: () => kernel.cell,
    currentAbortSignal: () => kernel.controller.signal,
  };
  Reflect.set(globalThis, KERNEL_BRIDGE_KEY, bridge);
  return kernel;
}

export function uninstallFakeKernel(): void {
  Reflect.deleteProperty(globalThis, KERNEL_BRIDGE_KEY);
}
