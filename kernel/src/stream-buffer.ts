/**
 * Coalesces a cell's consecutive writes to stdout / stderr into one `stream` message, sent when the
 * event loop has been free for a moment, before any other message of the cell, or when the cell
 * ends. Like ipykernel's buffered streams: a loop printing thousands of lines sends a few
 * messages, not thousands, so ZeroMQ's publish queue (which drops beyond its high-water mark)
 * never overflows and output stays in order with displays and results.
 *
 * Quiet mode (`SEQGRAD_KERNEL_QUIET=1` in the kernel's environment): stderr text, such as type
 * warnings and library warnings, is sent as `display_data` (text/plain) in the cell's output
 * instead of a stderr stream, for autograders that fail a graded cell writing to stderr.
 */
import type { Publish } from "./messages";

/** How long written text may wait before it is sent. */
export const STREAM_FLUSH_MS = 50;

/** Text beyond which the buffer is sent at once. */
const MAX_BUFFERED_CHARS = 1 << 20;

/** True when the kernel runs in quiet mode (stderr shown as display data). */
export function quietMode(): boolean {
  return process.env["SEQGRAD_KERNEL_QUIET"] === "1";
}

/** A publish function that buffers stream text, and a way to send what is buffered. */
export interface BufferedPublish {
  publish: Publish;
  flush: () => void;
}

/** Wraps `publish` so that `stream` messages are coalesced. */
export function bufferStreams(publish: Publish): BufferedPublish {
  let pending: { name: string; text: string } | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (pending === undefined) return;
    const content = pending;
    pending = undefined;
    if (content.name === "stderr" && quietMode()) publish("display_data", { data: { "text/plain": content.text }, metadata: {} });
    else publish("stream", content);
  };
  const publishBuffered: Publish = (msgType, content) => {
    const name: unknown = Reflect.get(content, "name");
    const text: unknown = Reflect.get(content, "text");
    if (msgType !== "stream" || typeof name !== "string" || typeof text !== "string") {
      flush();
      publish(msgType, content);
      return;
    }
    if (pending !== undefined && pending.name !== name) flush();
    pending = { name, text: (pending?.text ?? "") + text };
    if (pending.text.length >= MAX_BUFFERED_CHARS) flush();
    else timer ??= setTimeout(flush, STREAM_FLUSH_MS);
  };
  return { publish: publishBuffered, flush };
}
