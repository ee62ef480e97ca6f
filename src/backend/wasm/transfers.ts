/** Copies between JavaScript arrays and WebAssembly memory, in either direction, since the start. */
export interface TransferCount {
  /** Number of copies (one `set` of a span or of a row block counts once). */
  readonly copies: number;
  /** Bytes copied. */
  readonly bytes: number;
}

/**
 * The counter of staging copies of one wasm backend. Operands that live in the backend's memory
 * (tensor storage, see storage.ts) are used in place and never counted; an operand on the
 * JavaScript heap is copied in, and a result copied out, and each such copy counts here. The
 * benchmark prints the count of a training step (the goal is zero).
 */
export class Transfers {
  copies = 0;
  bytes = 0;

  count(bytes: number): void {
    this.copies++;
    this.bytes += bytes;
  }

  snapshot(): TransferCount {
    return { copies: this.copies, bytes: this.bytes };
  }
}
