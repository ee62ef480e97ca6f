/**
 * Coalesces a cell's consecutive writes to stdout / stderr into one `stream` message, sent when the
 * event loop has been free for a moment, before any other message of the cell, or when the cell
 * ends. Like ipykernel's buffered streams: a loop printing thousands of lines sends a few
 * messages, not thousands, so ZeroMQ's publish queue never grows without bound and output stays in
 * order with displays and results.
 *
 * Updates of a display (`update_display_data`) are coalesced the same way, per display id: a newer
 * update replaces a pending one, so a loop updating a figure 10^4 times sends a few updates a
 * second (at most one per STREAM_FLUSH_MS while it runs) and always the last one.
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

/** A message waiting to be sent: stream text, or the latest update of one display. */
type Pending = { kind: "stream"; name: string; text: string } | { kind: "update"; id: string; content: object };

/** Wraps `publish` so that `stream` messages and display updates are coalesced. */
export function bufferStreams(publish: Publish): BufferedPublish {
  let pending: Pending[] = [];
  let chars = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastFlush = Date.now();
  const flush = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    lastFlush = Date.now();
    const items = pending;
    pending = [];
    chars = 0;
    for (const item of items) {
      if (item.kind === "update") publish("update_display_data", item.content);
      else if (item.name === "stderr" && quietMode()) publish("display_data", { data: { "text/plain": item.text }, metadata: {} });
      else publish("stream", { name: item.name, text: item.text });
    }
  };
  const later = (): void => {
    timer ??= setTimeout(flush, STREAM_FLUSH_MS);
  };
  const publishBuffered: Publish = (msgType, content) => {
    const id = msgType === "update_display_data" ? displayId(content) : undefined;
    if (id !== undefined) {
      const same = pending.find((p) => p.kind === "update" && p.id === id);
      if (same !== undefined && same.kind === "update") same.content = content;
      else pending.push({ kind: "update", id, content });
      // a synchronous loop never lets the timer run: send what is pending now and then
      if (Date.now() - lastFlush >= STREAM_FLUSH_MS) flush();
      else later();
      return;
    }
    const name: unknown = Reflect.get(content, "name");
    const text: unknown = Reflect.get(content, "text");
    if (msgType !== "stream" || typeof name !== "string" || typeof text !== "string") {
      flush();
      publish(msgType, content);
      return;
    }
    const last = pending[pending.length - 1];
    if (last !== undefined && last.kind === "stream" && last.name === name) last.text += text;
    else pending.push({ kind: "stream", name, text });
    chars += text.length;
    if (chars >= MAX_BUFFERED_CHARS) flush();
    else later();
  };
  return { publish: publishBuffered, flush };
}

/** The display id of an update's content, if it has one. */
function displayId(content: object): string | undefined {
  const transient: unknown = Reflect.get(content, "transient");
  const id: unknown = typeof transient === "object" && transient !== null ? Reflect.get(transient, "display_id") : undefined;
  return typeof id === "string" ? id : undefined;
}
