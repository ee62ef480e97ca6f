import type { Tensor } from "./tensor";

/** A MIME bundle: `{ "application/vnd.seqgrad...": ..., "image/png": ..., "text/plain": ... }`. */
export type MimeBundle = Record<string, unknown>;

type TensorDisplay = (t: Tensor) => MimeBundle;

let display: TensorDisplay | null = null;

/**
 * Registers how tensors show themselves in notebooks. The figures module (viz) registers the rich
 * tensor figure when it loads; until then tensors show their printed form.
 */
export function setTensorDisplay(fn: TensorDisplay): void {
  display = fn;
}

/** The bundle of a tensor: the registered figure, or its printed form. */
export function tensorBundle(t: Tensor): MimeBundle {
  return display === null ? { "text/plain": t.toString() } : display(t);
}
