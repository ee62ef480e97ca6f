/**
 * tslab's ZeroMQ server with the seqgrad kernel's protocol fixes: a complete `kernel_info_reply`,
 * executions through our `CellRunner` (execute_input, execute_result, error, stop_on_error),
 * a well-formed `comm_info_reply` and `shutdown_reply`, an exit after shutdown, and sends
 * queued per socket (see `serializeSends`).
 */
import { ZmqServer } from "tslab/dist/jupyter";
import type { CellRunner } from "./cell-runner";
import { readExecuteRequest, readFlag } from "./messages";

/** The message type tslab's handlers receive (not exported by tslab under a name). */
type Message = Parameters<ZmqServer["handleExecute"]>[1];
type Handler = ConstructorParameters<typeof ZmqServer>[0];
type Socket = Parameters<ZmqServer["handleExecute"]>[0];
type Writable = ZmqServer["iopub"] | ZmqServer["shell"];

/** How long a shut-down kernel waits for sockets to flush before the process exits. */
const EXIT_DELAY_MS = 100;

export class SeqgradServer extends ZmqServer {
  /** Resolves when every message queued so far has been sent. */
  private drained: () => Promise<unknown> = () => Promise.resolve();

  constructor(
    handler: Handler,
    configPath: string,
    private readonly runner: CellRunner,
    private readonly info: object,
    private readonly log: (text: string) => void,
  ) {
    super(handler, configPath);
  }

  override async init(): Promise<void> {
    await super.init();
    const iopub = serializeSends(this.iopub, this.log);
    const shell = serializeSends(this.shell, this.log);
    const control = serializeSends(this.control, this.log);
    [this.iopub, this.shell, this.control] = [iopub.socket, shell.socket, control.socket];
    this.drained = () => Promise.all([iopub.drained(), shell.drained(), control.drained()]);
  }

  override handleKernelInfo(sock: Socket, msg: Message): void {
    this.send(sock, msg, "kernel_info_reply", this.info);
  }

  override async handleExecute(sock: Socket, msg: Message): Promise<void> {
    const publish = (msgType: string, content: object): void => this.send(this.iopub, msg, msgType, content);
    const reply = await this.runner.execute(readExecuteRequest(msg.content), publish);
    this.send(sock, msg, "execute_reply", reply);
  }

  override handleCommInfoRequest(sock: Socket, msg: Message): void {
    this.send(sock, msg, "comm_info_reply", { status: "ok", comms: {} });
  }

  override handleShutdown(sock: Socket, msg: Message): void {
    const restart = readFlag(msg.content, "restart", false);
    this.send(sock, msg, "shutdown_reply", { status: "ok", restart });
  }

  /** Closes once every queued message is out, then exits (user timers must not keep it alive). */
  override close(): void {
    void this.drained().then(() => {
      super.close();
      setTimeout(() => process.exit(0), EXIT_DELAY_MS).unref();
    });
  }

  private send(sock: Socket, parent: Message, msgType: string, content: object): void {
    const message = parent.createReply();
    message.header.msg_type = msgType;
    message.content = content;
    message.signAndSend(this.connInfo.key, sock);
  }
}

/**
 * A view of `socket` whose `send` waits for the previous send. zeromq.js allows one send in flight
 * per socket: after 512 immediate sends it defers one, and a send issued meanwhile throws EBUSY.
 * tslab sends without waiting, so a long session would lose messages (a lost `idle` status leaves
 * the notebook waiting forever); queued, every message goes out, in order. (The sockets are not
 * extensible, hence a proxy rather than a patched method.)
 */
export function serializeSends<S extends Writable>(socket: S, log: (text: string) => void): Queued<S> {
  let tail: Promise<void> = Promise.resolve();
  const send: S["send"] = (message) => {
    tail = tail
      .then(() => socket.send(message))
      .catch((error: unknown) => log(`seqgrad kernel: a message could not be sent: ${String(error)}\n`));
    return tail;
  };
  const view = new Proxy(socket, {
    get(target, property) {
      if (property === "send") return send;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { socket: view, drained: () => tail };
}

/** A socket whose sends are queued, and the end of its queue. */
export interface Queued<S> {
  socket: S;
  drained: () => Promise<void>;
}
