/**
 * The kernel's five ZeroMQ sockets, bound before any of them is used.
 *
 * zeromq.js binds on libuv's thread pool, and a socket refuses every send ("Socket is blocked by a
 * bind or unbind operation", EBUSY) until its own bind has finished on the main thread. tslab
 * starts reading the shell socket while the binds are still running, so on a loaded machine (a
 * busy pool) the shell could take a request and publish its `busy` status on an iopub socket still
 * being bound: the send threw, the request went unanswered, and the kernel printed the error once
 * for every `kernel_info_request` a client sent while it waited. Here every socket is bound first;
 * requests that arrive meanwhile wait in ZeroMQ's queues and are read afterwards.
 *
 * Sends never wait (send timeout 0): by default zeromq.js defers one send in every 512 on a socket
 * to let the event loop breathe, and a send issued while one is deferred throws EBUSY; tslab sends
 * without awaiting, so a long session lost messages (a lost `idle` status leaves the notebook
 * waiting forever). iopub has no high-water mark: a publisher drops what exceeds it, and floods of
 * output are bounded before they get here (stream-buffer.ts coalesces text and display updates).
 */
import { createRequire } from "node:module";
import type * as Zmq from "zeromq";

/** The connection file's fields the sockets need. */
export interface Endpoints {
  transport: string;
  ip: string;
  shell_port: number;
  iopub_port: number;
  stdin_port: number;
  control_port: number;
  hb_port: number;
}

/** The kernel's sockets, all bound. */
export interface KernelSockets {
  iopub: Zmq.Publisher;
  shell: Zmq.Router;
  control: Zmq.Router;
  stdin: Zmq.Router;
  hb: Zmq.Reply;
}

/** The zeromq module tslab depends on (one native copy in the process). */
function zeromq(): typeof Zmq {
  return createRequire(require.resolve("tslab/package.json"))("zeromq");
}

/** Creates the sockets and resolves once every one of them is bound. */
export async function bindSockets(endpoints: Endpoints): Promise<KernelSockets> {
  const zmq = zeromq();
  const sockets: KernelSockets = {
    iopub: new zmq.Publisher({ sendTimeout: 0, sendHighWaterMark: 0 }),
    shell: new zmq.Router({ sendTimeout: 0 }),
    control: new zmq.Router({ sendTimeout: 0 }),
    stdin: new zmq.Router({ sendTimeout: 0 }),
    hb: new zmq.Reply({ sendTimeout: 0 }),
  };
  const address = (port: number): string => `${endpoints.transport}://${endpoints.ip}:${port}`;
  await Promise.all([
    sockets.iopub.bind(address(endpoints.iopub_port)),
    sockets.shell.bind(address(endpoints.shell_port)),
    sockets.control.bind(address(endpoints.control_port)),
    sockets.stdin.bind(address(endpoints.stdin_port)),
    sockets.hb.bind(address(endpoints.hb_port)),
  ]);
  return sockets;
}

/**
 * Calls `handle` with each message `socket` receives, without waiting for it to finish (requests
 * overlap as in tslab: an inspection is answered while a cell runs). Ends when the socket closes.
 */
export async function serve(socket: Zmq.Router, handle: (frames: Buffer[]) => Promise<void>): Promise<void> {
  for await (const frames of socket) void handle(frames);
}

/** Answers heartbeats: each ping is sent back as it came. Ends when the socket closes. */
export async function echoHeartbeats(hb: Zmq.Reply): Promise<void> {
  for await (const frames of hb) {
    // A send fails only on a socket closed meanwhile (shutdown); the loop then ends.
    await hb.send(frames).catch(() => undefined);
  }
}
