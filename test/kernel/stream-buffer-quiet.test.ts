import { afterEach, describe, expect, it, vi } from "vitest";
import { bufferStreams } from "../../kernel/src/stream-buffer";

describe("bufferStreams in quiet mode", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("sends stderr text as display data when SEQGRAD_KERNEL_QUIET=1, and stdout as a stream", () => {
    vi.stubEnv("SEQGRAD_KERNEL_QUIET", "1");
    const sent: Array<[string, object]> = [];
    const streams = bufferStreams((type, content) => sent.push([type, content]));
    streams.publish("stream", { name: "stdout", text: "loss 0.5\n" });
    streams.publish("stream", { name: "stderr", text: "warning: h is unused\n" });
    streams.flush();
    expect(sent).toEqual([
      ["stream", { name: "stdout", text: "loss 0.5\n" }],
      ["display_data", { data: { "text/plain": "warning: h is unused\n" }, metadata: {} }],
    ]);
  });

  it("keeps stderr a stream without quiet mode", () => {
    vi.stubEnv("SEQGRAD_KERNEL_QUIET", "");
    const sent: Array<[string, object]> = [];
    const streams = bufferStreams((type, content) => sent.push([type, content]));
    streams.publish("stream", { name: "stderr", text: "warning\n" });
    streams.flush();
    expect(sent).toEqual([["stream", { name: "stderr", text: "warning\n" }]]);
  });
});
