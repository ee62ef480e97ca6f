/**
 * Installs the seqgrad kernel bridge on `globalThis[Symbol.for("seqgrad.kernel")]`: the library's
 * `display()` sends its bundles through it, and `currentAbortSignal()` reads the calling cell's
 * signal. The protocol (version 1) is described in the library's `src/runtime/kernel-bridge.ts`.
 */
import type { CellContexts } from "./cell-context";
import { outputMetadata } from "./png-metadata";

/** Puts the bridge in place; cells can run seqgrad code after this. */
export function installBridge(cells: CellContexts): void {
  const bridge = {
    protocol: 1,
    display(bundle: Record<string, unknown>, displayId: string, update: boolean): void {
      const cell = cells.currentOrLatest();
      if (cell === undefined) return;
      const content = { data: bundle, metadata: outputMetadata(bundle), transient: { display_id: displayId } };
      cell.publish(update ? "update_display_data" : "display_data", content);
    },
    currentCell: (): number | undefined => cells.current()?.count,
    currentAbortSignal: (): AbortSignal | undefined => cells.current()?.controller.signal,
  };
  Object.defineProperty(globalThis, Symbol.for("seqgrad.kernel"), {
    value: Object.freeze(bridge),
    enumerable: false,
    configurable: true,
  });
}
