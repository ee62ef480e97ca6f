/**
 * The kernel's record of executed cells, answering `history_request` (tail, range, search) as
 * IPython does: entries are `[session, line, input]` (with `[input, output]` when `output` is
 * asked for; this kernel records inputs only, so the output is null). Each kernel process is one
 * session, numbered after the sessions already saved. Every stored cell is appended to a JSON
 * lines file in the kernel's data folder, so earlier sessions stay searchable after a restart.
 *
 * Kernels started at the same moment (a notebook and a console, a class's hub) share the file, so
 * a session number is claimed, not just computed: the kernel appends a claim line
 * `{"session": n, "claim": id}` (a single append, which the file system keeps whole) and reads the
 * file back; the first claim of n in the file wins, and a kernel that lost tries the next number.
 */
import { randomBytes } from "node:crypto";
import { appendFileSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { userDataDir } from "./data-dir";

/** One recorded cell. */
interface Entry {
  session: number;
  line: number;
  input: string;
}

/** A kernel's claim of a session number. */
interface Claim {
  session: number;
  claim: string;
}

/** How many numbers a kernel tries before it keeps the last one unclaimed (never seen reached). */
const CLAIM_ATTEMPTS = 50;

/** The fields of a `history_request` the kernel reads. */
export interface HistoryRequest {
  hist_access_type?: unknown;
  output?: unknown;
  raw?: unknown;
  session?: unknown;
  start?: unknown;
  stop?: unknown;
  n?: unknown;
  pattern?: unknown;
  unique?: unknown;
}

/** The history file: SEQGRAD_HISTORY, else `seqgrad/history.jsonl` in Jupyter's user data dir. */
export function historyFile(): string {
  return process.env["SEQGRAD_HISTORY"] || join(userDataDir(), "seqgrad", "history.jsonl");
}

/** The recorded inputs of this and earlier sessions. */
export class History {
  private readonly entries: Entry[];
  readonly session: number;

  /** Loads the saved sessions from `file` (JSON lines); this process claims the next number. */
  constructor(private readonly file: string | undefined) {
    if (file === undefined) {
      this.entries = [];
      this.session = 1;
      return;
    }
    const [session, entries] = claimSession(file);
    this.session = session;
    this.entries = entries;
  }

  /** Records the input of execution `line` of this session. */
  record(line: number, input: string): void {
    const entry = { session: this.session, line, input };
    this.entries.push(entry);
    if (this.file === undefined) return;
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      appendFileSync(this.file, `${JSON.stringify(entry)}\n`);
    } catch {
      // An unwritable data folder leaves the history of this session in memory only.
    }
  }

  /** The `history_reply` content for `request`. */
  reply(request: HistoryRequest): { status: "ok"; history: unknown[] } {
    const withOutput = request.output === true;
    const shape = (e: Entry): unknown[] => [e.session, e.line, withOutput ? [e.input, null] : e.input];
    return { status: "ok", history: this.select(request).map(shape) };
  }

  private select(request: HistoryRequest): Entry[] {
    const n = typeof request.n === "number" && request.n > 0 ? request.n : undefined;
    switch (request.hist_access_type) {
      case "range": {
        const session = sessionNumber(request.session, this.session);
        const start = typeof request.start === "number" ? request.start : 1;
        const stop = typeof request.stop === "number" ? request.stop : Number.POSITIVE_INFINITY;
        return this.entries.filter((e) => e.session === session && e.line >= start && e.line < stop);
      }
      case "search": {
        const pattern = globToRegExp(typeof request.pattern === "string" ? request.pattern : "*");
        let found = this.entries.filter((e) => pattern.test(e.input));
        if (request.unique === true) found = found.filter((e, i) => !found.slice(i + 1).some((later) => later.input === e.input));
        return n === undefined ? found : found.slice(-n);
      }
      default:
        return this.entries.slice(-(n ?? 10));
    }
  }
}

/** IPython's session numbers: positive is absolute, 0 or absent is this one, negative counts back. */
function sessionNumber(value: unknown, current: number): number {
  if (typeof value !== "number" || value === 0) return current;
  return value > 0 ? value : current + value;
}

/** A glob (`*` any text, `?` one character) matching whole inputs, as IPython's search does. */
function globToRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[\\s\\S]*").replace(/\?/g, "[\\s\\S]");
  return new RegExp(`^${body}$`);
}

/**
 * Claims the first session number after every number used or claimed in `file`; returns it with
 * the file's entries. Where the file cannot be written, the number is used without a claim.
 */
function claimSession(file: string): [number, Entry[]] {
  const id = randomBytes(8).toString("hex");
  let saved = load(file);
  let session = nextSession(saved);
  for (let attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
    try {
      mkdirSync(dirname(file), { recursive: true });
      appendFileSync(file, `${JSON.stringify({ session, claim: id })}\n`);
    } catch {
      return [session, saved.entries];
    }
    saved = load(file);
    const first = saved.claims.find((c) => c.session === session);
    if (first === undefined || first.claim === id) return [session, saved.entries];
    session = nextSession(saved);
  }
  return [session, saved.entries];
}

/** One more than every session number entered or claimed. */
function nextSession(saved: { entries: Entry[]; claims: Claim[] }): number {
  let max = 0;
  for (const e of saved.entries) max = Math.max(max, e.session);
  for (const c of saved.claims) max = Math.max(max, c.session);
  return max + 1;
}

/** The entries and claims of a history file (unreadable lines skipped; no file: none). */
function load(file: string): { entries: Entry[]; claims: Claim[] } {
  const entries: Entry[] = [];
  const claims: Claim[] = [];
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return { entries, claims };
  }
  for (const line of text.split("\n")) {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      continue;
    }
    if (isEntry(value)) entries.push(value);
    else if (isClaim(value)) claims.push(value);
  }
  return { entries, claims };
}

function isClaim(value: unknown): value is Claim {
  if (typeof value !== "object" || value === null) return false;
  return typeof Reflect.get(value, "session") === "number" && typeof Reflect.get(value, "claim") === "string";
}

function isEntry(value: unknown): value is Entry {
  if (typeof value !== "object" || value === null) return false;
  const field = (name: string): unknown => Reflect.get(value, name);
  return typeof field("session") === "number" && typeof field("line") === "number" && typeof field("input") === "string";
}
