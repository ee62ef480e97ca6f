/**
 * Showing values from anywhere in a cell, and updating them in place (live training curves).
 * In a kernel with the seqgrad bridge this sends Jupyter `display_data` / `update_display_data`
 * messages with the value's full MIME bundle; in plain Node it prints the `text/plain` form.
 */
import { checkKnownOptions, optionNames } from "../known-options";
import { ValueError } from "../errors";
import { kernelBridge } from "./kernel-bridge";
import { nodeBuiltin } from "./node-builtin";
import { JUPYTER_DISPLAY, mimeBundle } from "./mime-bundle";

/** Options of `display`. */
export interface DisplayOptions {
  /**
   * Display id. Showing an id again in the same cell updates that output in place; without an
   * id a fresh one is made.
   */
  id?: string;
}

/**
 * A shown output that can be replaced in place. As a cell's last value it shows nothing (its
 * display bundle is empty), so a cell ending in `display(x)` shows `x` once.
 */
export interface DisplayHandle {
  /** The display id (Jupyter's `transient.display_id`). */
  readonly id: string;
  /** Replaces the shown output with the bundle of `value`. */
  update(value: unknown): void;
  /** The empty bundle: kernels show nothing for a handle. */
  [JUPYTER_DISPLAY](): Record<string, never>;
}

/** Where each explicit id was last shown: the kernel's cell key, or null outside a kernel. */
const shownIn = new Map<string, number | null>();

/**
 * Shows `value` (its `[Symbol.for("Jupyter.display")]()` bundle, or its text) and returns a handle
 * to update it.
 *
 * @example const live = display(figure); live.update(nextFigure);
 * @example display(curve, { id: "loss" }); // again later in the cell: updates the same output
 */
export function display(value: unknown, options: DisplayOptions = {}): DisplayHandle {
  checkKnownOptions("display", options, optionNames<DisplayOptions>({ id: true }));
  const id = options.id === undefined ? freshId() : checkId(options.id);
  const bridge = kernelBridge();
  const cell = bridge?.currentCell() ?? null;
  const update = options.id !== undefined && shownIn.has(id) && shownIn.get(id) === cell;
  if (options.id !== undefined) shownIn.set(id, cell);
  send(value, id, update);
  return {
    id,
    update: (next: unknown): void => send(next, id, true),
    [JUPYTER_DISPLAY]: (): Record<string, never> => ({}),
  };
}

function send(value: unknown, id: string, update: boolean): void {
  const bundle = mimeBundle(value);
  const bridge = kernelBridge();
  if (bridge !== undefined) {
    bridge.display(bundle, id, update);
    return;
  }
  const text = `${String(bundle["text/plain"])}\n`;
  const stdout = nodeBuiltin<NodeJS.Process>("node:process")?.stdout;
  if (stdout === undefined) console.log(text.trimEnd());
  else stdout.write(text);
}

let made = 0;

/** A random UUID where Web Crypto has one (Node, Deno, secure browser contexts), else a unique counter id. */
function freshId(): string {
  const crypto: unknown = Reflect.get(globalThis, "crypto");
  const uuid: unknown = typeof crypto === "object" && crypto !== null ? Reflect.get(crypto, "randomUUID") : undefined;
  if (typeof uuid === "function") return String(Reflect.apply(uuid, crypto, []));
  made += 1;
  return `seqgrad-display-${Date.now().toString(36)}-${made}`;
}

function checkId(id: unknown): string {
  if (typeof id === "string" && id.length > 0) return id;
  const got = typeof id === "string" ? "an empty string" : typeof id;
  throw new ValueError(`display: id must be a non-empty string; expected a string, got ${got}`);
}
