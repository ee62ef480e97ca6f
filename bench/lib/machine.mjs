// The machine description written at the top of RESULTS.md.
import { readFileSync } from "node:fs";
import os from "node:os";

/** CPU, cores, memory, SIMD flags, OS and Node/V8 versions, as markdown bullet lines. */
export function describeMachine() {
  const cpus = os.cpus();
  let flags = [];
  try {
    const info = readFileSync("/proc/cpuinfo", "utf8");
    const line = info.split("\n").find((l) => l.startsWith("flags")) ?? "";
    const have = new Set(line.split(/\s+/));
    flags = ["sse4_2", "avx2", "fma", "avx512f"].filter((f) => have.has(f));
  } catch {
    flags = [];
  }
  return [
    `- CPU: ${cpus[0]?.model ?? "unknown"}, ${cpus.length} logical cores${flags.length ? ` (${flags.join(", ")})` : ""}`,
    `- Memory: ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB; OS: ${os.type()} ${os.release()} (${os.arch()})`,
    `- Node ${process.versions.node}, V8 ${process.versions.v8}`,
    `- Load average at start: ${os.loadavg().map((x) => x.toFixed(2)).join(", ")} (the machine may be shared)`,
  ];
}
