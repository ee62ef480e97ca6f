/**
 * The seqgrad TypeScript kernel's Web Worker: compiles and runs cells (cell-compiler.ts,
 * cell-runner.ts) with seqgrad loaded from the same ES module build Node uses, sends their output to
 * the page (console-streams.ts, bridge.ts), reads the site's files (site-files.ts), and answers
 * completion and inspection requests (language-service.ts). One request runs at a time; an
 * interrupt may arrive while a cell awaits.
 */
import * as seqgrad from "seqgrad";
import type { Bundle, ExecuteResult, FromWorker, InitRequest, ReplyValue, ToWorker } from "../protocol";
import { WorkerBridge } from "./bridge";
import { errorContent } from "./cell-errors";
import { CellRunner } from "./cell-runner";
import { ConsoleStreams } from "./console-streams";
import { inspect } from "./inspect";
import { CellLanguageService } from "./language-service";
import { SiteFiles } from "./site-files";

const JUPYTER_DISPLAY = Symbol.for("Jupyter.display");

/** The modules a cell can import. */
const MODULES: Record<string, unknown> = { seqgrad };

interface Kernel {
  runner: CellRunner;
  bridge: WorkerBridge;
  streams: ConsoleStreams;
  language: CellLanguageService;
}

// kept before any cell runs: a cell may assign names like `postMessage` in its own scope only,
// but this module never looks them up again
const post = (message: FromWorker): void => self.postMessage(message);
let kernel: Kernel | undefined;
let queue: Promise<void> = Promise.resolve();

function start(init: InitRequest): Kernel {
  Reflect.set(globalThis, "process", { env: { ...init.env }, browser: true });
  // seqgrad's training loop yields with setImmediate, which browsers lack; a message round trip
  // is the same "after pending events" without setTimeout's 4 ms clamp
  if (typeof Reflect.get(globalThis, "setImmediate") !== "function") Reflect.set(globalThis, "setImmediate", setImmediate);
  const streams = new ConsoleStreams(post);
  streams.install();
  const bridge = new WorkerBridge(post, init.interruptFlag === null ? null : new Int32Array(init.interruptFlag));
  bridge.install();
  new SiteFiles(init.filesUrl, init.location).install();
  const runner = new CellRunner(importModule);
  return { runner, bridge, streams, language: new CellLanguageService(init.typesUrl) };
}

function setImmediate(callback: (...args: unknown[]) => void, ...args: unknown[]): void {
  const channel = new MessageChannel();
  channel.port1.onmessage = (): void => {
    channel.port1.close();
    callback(...args);
  };
  channel.port2.postMessage(null);
}

function importModule(name: string): unknown {
  const module = MODULES[name];
  if (module === undefined) {
    const known = Object.keys(MODULES).map((m) => `"${m}"`).join(", ");
    throw new Error(`import: module "${name}" is not available in the browser kernel; expected one of ${known}, got "${name}"`);
  }
  return module;
}

async function execute(k: Kernel, code: string, count: number): Promise<ExecuteResult> {
  k.bridge.beginCell(count);
  try {
    const value = await k.runner.run(code, count);
    return { bundle: resultBundle(value), error: null };
  } catch (error) {
    return { bundle: null, error: errorContent(error, k.runner.cells) };
  } finally {
    k.bridge.endCell();
    k.streams.flush();
  }
}

/** The bundle of a cell's last value; null for undefined and for objects that show nothing. */
function resultBundle(value: unknown): Bundle | null {
  if (value === undefined) return null;
  const method: unknown = typeof value === "object" && value !== null ? Reflect.get(value, JUPYTER_DISPLAY) : undefined;
  if (typeof method !== "function") return { "text/plain": inspect(value) };
  const bundle: unknown = Reflect.apply(method, value, []);
  if (typeof bundle !== "object" || bundle === null || Array.isArray(bundle)) {
    throw new TypeError(`[Symbol.for("Jupyter.display")]() must return a map of MIME type to data; got ${inspect(bundle)}`);
  }
  const entries = { ...(bundle as Bundle) };
  if (Object.keys(entries).length === 0) return null;
  entries["text/plain"] ??= inspect(value);
  return entries;
}

async function answer(k: Kernel, request: Exclude<ToWorker, InitRequest | { type: "interrupt" }>): Promise<ReplyValue> {
  switch (request.type) {
    case "execute":
      return execute(k, request.code, request.count);
    case "complete":
      return k.language.complete(k.runner.history(), request.code, request.cursor);
    case "inspect":
      return k.language.inspect(k.runner.history(), request.code, request.cursor);
  }
}

self.onmessage = (event: MessageEvent<ToWorker>): void => {
  const request = event.data;
  if (request.type === "init") {
    kernel = start(request);
    post({ type: "ready" });
    return;
  }
  const k = kernel;
  if (k === undefined) return;
  if (request.type === "interrupt") {
    k.bridge.interrupt();
    return;
  }
  queue = queue.then(async () => {
    let value: ReplyValue;
    try {
      value = await answer(k, request);
    } catch (error) {
      value = { bundle: null, error: errorContent(error, k.runner.cells) };
    }
    try {
      post({ type: "reply", id: request.id, value });
    } catch (error) {
      // a value the page cannot receive (a function in a bundle): the request still gets its
      // answer, and the queue goes on (a rejected link would leave every later request unanswered)
      post({ type: "reply", id: request.id, value: { bundle: null, error: errorContent(error, k.runner.cells) } });
    }
  });
};
