/**
 * `console` in the cells: `log`, `info`, `debug` and `table` go to stdout, `warn` and `error` to
 * stderr, as Jupyter `stream` messages. Text is batched: sent when 50 ms have passed since the
 * last send (checked on every write, so a busy loop still shows its progress) and when a cell ends.
 */
import type { FromWorker } from "../protocol";
import { formatArgs } from "./inspect";

const FLUSH_MS = 50;

type StreamName = "stdout" | "stderr";

export class ConsoleStreams {
  private pending: { name: StreamName; text: string }[] = [];
  private lastFlush = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly post: (message: FromWorker) => void) {}

  /** Replaces the worker's console methods. */
  install(): void {
    const target = globalThis.console as unknown as Record<string, unknown>;
    const out = (...args: unknown[]): void => this.write("stdout", `${formatArgs(args)}\n`);
    const err = (...args: unknown[]): void => this.write("stderr", `${formatArgs(args)}\n`);
    for (const name of ["log", "info", "debug", "table", "dir"]) target[name] = out;
    for (const name of ["warn", "error", "trace"]) target[name] = err;
  }

  write(name: StreamName, text: string): void {
    const last = this.pending[this.pending.length - 1];
    if (last !== undefined && last.name === name) last.text += text;
    else this.pending.push({ name, text });
    const now = Date.now();
    if (now - this.lastFlush >= FLUSH_MS) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), FLUSH_MS);
  }

  /** Sends what is pending. */
  flush(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.lastFlush = Date.now();
    for (const { name, text } of this.pending) this.post({ type: "stream", name, text });
    this.pending = [];
  }
}
