/**
 * The kernel bridge of Deno's own Jupyter kernel (`deno jupyter`). Deno renders a cell's last value
 * through `[Symbol.for("Jupyter.display")]()` by itself; this bridge gives seqgrad's `display()`
 * (and so live training curves) Deno's display API, `Deno.jupyter.display(bundle, { raw, update,
 * display_id })`, which sends `display_data` and `update_display_data`. Deno's kernel has no
 * per-cell abort signal: its interrupt stops the running code by itself.
 *
 * Deno sends a display when its promise settles, on a later turn of the event loop. An awaited
 * cell (such as `await train(...)`) waits for `displaysSent()` so its last update is not sent after
 * the cell ends; a synchronous loop of updates cannot wait, and Deno may send its last updates
 * only after the cell has finished (the notebook then keeps an earlier one).
 */
import type { KernelBridge } from "./kernel-bridge";
import { KERNEL_BRIDGE_PROTOCOL } from "./bridge-protocol";
import type { MimeBundle } from "./mime-bundle";

interface DenoJupyter {
  display(value: unknown, options: { raw: boolean; update: boolean; display_id: string }): Promise<void>;
}

/** Every display sent through Deno so far, settled (a failure there has no cell to report to). */
let inFlight: Promise<void> = Promise.resolve();

/** The bridge over `Deno.jupyter`, or undefined outside Deno's Jupyter kernel. */
export function denoBridge(): KernelBridge | undefined {
  const jupyter = denoJupyter();
  if (jupyter === undefined) return undefined;
  return {
    protocol: KERNEL_BRIDGE_PROTOCOL,
    display(bundle: MimeBundle, displayId: string, update: boolean): void {
      const sent = jupyter.display(bundle, { raw: true, update, display_id: displayId }).catch(() => undefined);
      inFlight = Promise.all([inFlight, sent]).then(() => undefined);
    },
    displaysSent: () => inFlight,
    currentCell: () => undefined,
    currentAbortSignal: () => undefined,
  };
}

/** `Deno.jupyter` when this is Deno running a Jupyter kernel (only there is `display` a function). */
function denoJupyter(): DenoJupyter | undefined {
  const deno: unknown = Reflect.get(globalThis, "Deno");
  if (typeof deno !== "object" || deno === null) return undefined;
  const jupyter: unknown = Reflect.get(deno, "jupyter");
  if (typeof jupyter !== "object" || jupyter === null) return undefined;
  const display: unknown = Reflect.get(jupyter, "display");
  if (typeof display !== "function") return undefined;
  return {
    display: (value, options) => Promise.resolve(Reflect.apply(display, jupyter, [value, options])),
  };
}
