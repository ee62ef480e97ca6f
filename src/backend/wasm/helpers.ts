import { nodeBuiltin } from "../../runtime/node-builtin";

/** What a helper thread gets: the compiled kernels module, the shared memory, its control block. */
export interface HelperData {
  /** The WebAssembly.Module of the shared variant, instantiated again in the helper. */
  module: object;
  /** The shared WebAssembly.Memory. */
  memory: object;
  /** Byte offset of the control block (see assembly/parallel.as). */
  ctl: number;
  /** 1, 2, ...: the helper's workspace index (0 is the caller's). */
  participant: number;
  /** How long the helper spins for the next job before sleeping in Atomics.wait. */
  spinMs: number;
}

/** Starts one helper thread running the job loop on `data`; the thread never keeps the process alive. */
export type HelperFactory = (data: HelperData) => void;

// A helper's loop: wait for the job counter (slot 0) to move, then claim and run chunks with the
// module's own work sharing (`share`). A wake-up it misses costs nothing: the caller runs the
// chunks nobody claimed. The memory may have grown (on the caller's thread) since the helper's
// instance last ran: V8 then still bounds-checks with the old size, so the helper instantiates
// the module again when the size posted with the job (slot 4) is larger. A failure is flagged
// (slot 3) for the caller rather than left to hang it. Plain JavaScript, so the same text runs as
// a Node worker (eval'd) and as a Web Worker (from a blob), from dist/ and from the sources.
const LOOP = `
function helperLoop({ module, memory, ctl, participant, spinMs }) {
  // reading memory.buffer first refreshes this thread's view of the size, which the instance takes
  let pages = memory.buffer.byteLength / 65536;
  const instantiate = () => new WebAssembly.Instance(module, { env: { memory } }).exports;
  let ex = instantiate();
  const i32 = new Int32Array(memory.buffer, ctl, 64);
  let seen = Atomics.load(i32, 0);
  for (;;) {
    const until = performance.now() + spinMs;
    for (let polls = 1; Atomics.load(i32, 0) === seen; polls++) {
      if ((polls & 255) === 0 && performance.now() > until) break;
    }
    while (Atomics.load(i32, 0) === seen) Atomics.wait(i32, 0, seen);
    seen = Atomics.load(i32, 0);
    try {
      if (Atomics.load(i32, 4) > pages) {
        pages = memory.buffer.byteLength / 65536;
        ex = instantiate();
      }
      ex.share(ctl, participant, true);
    } catch (err) {
      Atomics.store(i32, 3, 1);
      Atomics.notify(i32, 2);
      throw err;
    }
  }
}
`;

const NODE_SOURCE = `${LOOP}\nhelperLoop(require("node:worker_threads").workerData);\n`;
const WEB_SOURCE = `${LOOP}\nself.onmessage = (event) => helperLoop(event.data);\n`;

interface WorkerThreadsModule {
  Worker: new (source: string, options: { eval: true; workerData: unknown }) => { unref(): void; on(event: "error", listener: () => void): void };
}

/** The part of the Web Worker API used here (lib "dom" is not in this project's types). */
interface WebWorkerApi {
  Worker: new (url: string, options: { type: "module"; name: string }) => { postMessage(data: unknown): void };
  Blob: new (parts: string[], options: { type: string }) => object;
  URL: { createObjectURL(blob: object): string };
}

/**
 * How this engine starts helper threads: Node's worker_threads, else Web Workers where the
 * global scope has them and shared memory can be posted to them (a cross-origin-isolated page or
 * worker); null elsewhere (then every kernel runs on the calling thread).
 */
export function helperFactory(): HelperFactory | null {
  const threads = nodeBuiltin<WorkerThreadsModule>("node:worker_threads");
  if (threads !== undefined) {
    return (workerData) => {
      const worker = new threads.Worker(NODE_SOURCE, { eval: true, workerData });
      // a helper's crash is flagged in the control block and reported by the caller's job; an
      // unheard 'error' event would end the whole process instead
      worker.on("error", () => undefined);
      worker.unref();
    };
  }
  const web = webWorkers();
  if (web === null) return null;
  let url: string | null = null;
  return (data) => {
    url ??= web.URL.createObjectURL(new web.Blob([WEB_SOURCE], { type: "text/javascript" }));
    new web.Worker(url, { type: "module", name: `seqgrad helper ${data.participant}` }).postMessage(data);
  };
}

/** Worker, Blob and URL of a cross-origin-isolated browser scope, else null. */
function webWorkers(): WebWorkerApi | null {
  const g = globalThis as Partial<WebWorkerApi> & { crossOriginIsolated?: boolean };
  if (g.crossOriginIsolated !== true || typeof g.Worker !== "function" || typeof g.Blob !== "function") return null;
  if (g.URL === undefined || typeof g.URL.createObjectURL !== "function") return null;
  return { Worker: g.Worker, Blob: g.Blob, URL: g.URL };
}

/**
 * True when this thread may block in Atomics.wait; false on a browser page's main thread, which
 * must spin instead (Atomics.wait throws there, even when it would not block).
 */
export function threadCanBlock(): boolean {
  try {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 1, 0);
    return true;
  } catch {
    return false;
  }
}
