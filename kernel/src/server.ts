/**
 * tslab's ZeroMQ server with the seqgrad kernel's protocol fixes: a complete `kernel_info_reply`,
 * executions through our `CellRunner` (execute_input, execute_result, error, stop_on_error),
 * help at the cursor (`inspect_reply` as markdown, `complete_reply` with kinds), `history_reply`,
 * a well-formed `comm_info_reply` and `shutdown_reply`, an exit after shutdown, and sockets that
 * are all bound before any is used and never defer a send (sockets.ts).
 */
import { readFileSync } from "node:fs";
import { ZmqServer } from "tslab/dist/jupyter";
import type { CellHelp } from "./cell-help";
import type { CellRunner } from "./cell-runner";
import type { CellScope } from "./cell-scope";
import type { History } from "./history";
import { readExecuteRequest, readFlag, readPosition } from "./messages";
import { bindSockets, echoHeartbeats, serve } from "./sockets";
import { peekMessageType, readMessage, sendMessage } from "./wire";

/** The message type tslab's handlers receive (not exported by tslab under a name). */
type Message = Parameters<ZmqServer["handleExecute"]>[1];
type Handler = ConstructorParameters<typeof ZmqServer>[0];
type Socket = Parameters<ZmqServer["handleExecute"]>[0];

/** What the server needs besides tslab's handler. */
export interface ServerParts {
  runner: CellRunner;
  help: CellHelp;
  scope: CellScope;
  history: History;
  info: object;
  /** After a failed cell: keeps the names it had evaluated (see `CellScope.adopt`). */
  keepDeclarations: () => void;
  /** Prepares the compiler; run once, WARM_AFTER_INFO_MS after the first `kernel_info_reply` went out. */
  warm: () => void;
  /** Run after each cell's reply went out (prepares the help once the kernel is idle). */
  afterCell: () => void;
}

/**
 * How long after the first kernel_info the compiler is built (seconds of work on the main thread):
 * a client that checks that iopub works (jupyter_client's wait_for_ready) asks kernel_info again
 * when the first statuses were published before it subscribed, and that request is answered at once.
 */
const WARM_AFTER_INFO_MS = 300;

/** How long a shut-down kernel waits for sockets to flush before the process exits. */
const EXIT_DELAY_MS = 100;

export class SeqgradServer extends ZmqServer {
  private warmed = false;

  constructor(
    handler: Handler,
    configPath: string,
    private readonly parts: ServerParts,
  ) {
    super(handler, configPath);
  }

  /**
   * Reads the connection file, binds every socket (see sockets.ts: none is used before all are
   * bound), then serves the shell and control sockets and the heartbeat.
   */
  override async init(): Promise<void> {
    const info: ZmqServer["connInfo"] = JSON.parse(readFileSync(this.configPath, "utf8"));
    this.connInfo = info;
    const sockets = await bindSockets(info);
    Object.assign(this, sockets);
    void serve(sockets.shell, (frames) => this.handleShellMessage(sockets.shell, ...frames));
    void serve(sockets.control, (frames) => this.handleShellMessage(sockets.control, ...frames));
    void echoHeartbeats(sockets.hb);
  }

  override handleKernelInfo(sock: Socket, msg: Message): void {
    this.send(sock, msg, "kernel_info_reply", this.parts.info);
    if (!this.warmed) setTimeout(this.parts.warm, WARM_AFTER_INFO_MS).unref();
    this.warmed = true;
  }

  override async handleExecute(sock: Socket, msg: Message): Promise<void> {
    const publish = (msgType: string, content: object): void => this.send(this.iopub, msg, msgType, content);
    const request = readExecuteRequest(msg.content);
    const reply = await this.parts.runner.execute(request, publish);
    if (reply.status !== "aborted" && request.storeHistory) this.parts.history.record(reply.execution_count, request.code);
    if (reply.status === "ok") this.parts.scope.commit(true);
    else if (reply.status === "error") this.parts.keepDeclarations();
    this.send(sock, msg, "execute_reply", reply);
    this.parts.afterCell();
  }

  override handleInspect(sock: Socket, msg: Message): void {
    const { code, position } = readPosition(msg.content);
    this.send(sock, msg, "inspect_reply", this.parts.help.inspect(code, position));
  }

  override handleComplete(sock: Socket, msg: Message): void {
    const { code, position } = readPosition(msg.content);
    this.send(sock, msg, "complete_reply", this.parts.help.complete(code, position));
  }

  /** Answers `history_request`, which tslab's dispatch does not know; the rest goes to tslab. */
  override async handleShellMessage(sock: Socket, ...frames: Buffer[]): Promise<void> {
    if (peekMessageType(frames) !== "history_request") return super.handleShellMessage(sock, ...frames);
    const key = this.connInfo.key;
    const msg = readMessage(key, frames);
    sendMessage(key, this.iopub, msg, "status", { execution_state: "busy" }, false);
    sendMessage(key, sock, msg, "history_reply", this.parts.history.reply(msg.content), true);
    sendMessage(key, this.iopub, msg, "status", { execution_state: "idle" }, false);
  }

  override handleCommInfoRequest(sock: Socket, msg: Message): void {
    this.send(sock, msg, "comm_info_reply", { status: "ok", comms: {} });
  }

  override handleShutdown(sock: Socket, msg: Message): void {
    const restart = readFlag(msg.content, "restart", false);
    this.send(sock, msg, "shutdown_reply", { status: "ok", restart });
  }

  /** Closes the sockets and exits: user timers must not keep a shut-down kernel alive. */
  override close(): void {
    super.close();
    setTimeout(() => process.exit(0), EXIT_DELAY_MS).unref();
  }

  private send(sock: Socket, parent: Message, msgType: string, content: object): void {
    const message = parent.createReply();
    message.header.msg_type = msgType;
    message.content = content;
    message.signAndSend(this.connInfo.key, sock);
  }
}
