/**
 * Jupyter's wire format for the requests tslab's server does not dispatch (it answers them with
 * "unknown msg_type"): `[identities..., "<IDS|MSG>", hmac, header, parent, metadata, content]`,
 * signed with HMAC-SHA256 over the four JSON parts. Reads a request and sends its reply and the
 * busy/idle statuses around it.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

const DELIMITER = Buffer.from("<IDS|MSG>");

/** A request read from the shell or control socket. */
export interface WireMessage {
  identity: Buffer[];
  header: Record<string, unknown>;
  content: Record<string, unknown>;
}

/** A socket that sends multipart messages (zeromq.js's Router and Publisher). */
export interface MultipartSocket {
  send(frames: (Buffer | string)[]): unknown;
}

/** The message type of a raw request, without verifying it, or undefined if unreadable. */
export function peekMessageType(frames: readonly Buffer[]): string | undefined {
  const at = frames.findIndex((f) => f.equals(DELIMITER));
  const header = at >= 0 ? frames[at + 2] : undefined;
  if (header === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(header.toString());
    const type = typeof parsed === "object" && parsed !== null ? Reflect.get(parsed, "msg_type") : undefined;
    return typeof type === "string" ? type : undefined;
  } catch {
    return undefined;
  }
}

/** Reads and verifies a raw request signed with `key`. */
export function readMessage(key: string, frames: readonly Buffer[]): WireMessage {
  const at = frames.findIndex((f) => f.equals(DELIMITER));
  const parts = frames.slice(at + 2, at + 6);
  if (at < 0 || parts.length < 4) throw new RangeError("kernel wire: a message needs <IDS|MSG>, a signature and four parts");
  const signature = Buffer.from(frames[at + 1]?.toString() ?? "");
  const expected = Buffer.from(sign(key, parts.map((p) => p.toString())));
  if (key !== "" && (signature.length !== expected.length || !timingSafeEqual(signature, expected))) {
    throw new RangeError("kernel wire: the message signature does not match the connection key");
  }
  const object = (buffer: Buffer | undefined): Record<string, unknown> => {
    const value: unknown = JSON.parse(buffer?.toString() ?? "{}");
    return typeof value === "object" && value !== null ? Object.fromEntries(Object.entries(value)) : {};
  };
  return { identity: frames.slice(0, at), header: object(parts[0]), content: object(parts[3]) };
}

/** Sends a message of `msgType` whose parent is `parent` (identities kept for the shell socket). */
export function sendMessage(key: string, socket: MultipartSocket, parent: WireMessage, msgType: string, content: object, routed: boolean): void {
  const header = {
    version: "5.3",
    date: new Date().toISOString(),
    session: parent.header["session"],
    username: parent.header["username"],
    msg_type: msgType,
    msg_id: randomBytes(16).toString("hex"),
  };
  const bodies = [JSON.stringify(header), JSON.stringify(parent.header), "{}", JSON.stringify(content)];
  const identity = routed ? parent.identity : [];
  socket.send([...identity, DELIMITER, sign(key, bodies), ...bodies]);
}

function sign(key: string, bodies: readonly string[]): string {
  const hash = createHmac("sha256", key);
  for (const body of bodies) hash.update(body);
  return hash.digest("hex");
}
