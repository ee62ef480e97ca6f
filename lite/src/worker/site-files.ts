/**
 * The library's files in the browser kernel (its `HostFiles`, see the library's
 * runtime/host-files.ts): reads come from the site's `files/` folder, where the build put the
 * notebooks and their data (`data/tinyshakespeare.txt`), through synchronous requests, which a Web
 * Worker may make; whether a file exists is read from the folder listings the build wrote for
 * JupyterLite (`api/contents/<folder>/all.json`), so probing never asks for a missing file.
 * Relative paths start at the notebook's folder. Writes (checkpoints) stay in the worker's memory
 * for the session, and later reads see them.
 */
/** The global symbol the library looks for (runtime/host-files.ts). */
const HOST_FILES_KEY = Symbol.for("seqgrad.files");

/** What this module uses of a synchronous XMLHttpRequest (typed here: the library's tests run in Node). */
interface SyncRequest {
  open(method: "GET", url: string, async: false): void;
  responseType: "arraybuffer" | "text";
  send(): void;
  readonly status: number;
  readonly response: unknown;
  readonly responseText: string;
}

/** The folder of the bundled corpora, relative to the site's `files/`. */
const DATA_DIR = "/data";

export class SiteFiles {
  private readonly written = new Map<string, Uint8Array>();
  /** Per folder, the names of its files (null: no listing). */
  private readonly listings = new Map<string, Set<string> | null>();

  /**
   * @param filesUrl the URL of the site's `files/` folder, ending in "/"
   * @param location the notebook's folder, relative to `files/`
   */
  constructor(
    private readonly filesUrl: string,
    private readonly location: string,
  ) {}

  /** The URL of the listings, next to `files/`. */
  private get listingsUrl(): string {
    return this.filesUrl.replace(/files\/$/, "api/contents/");
  }

  install(): void {
    Reflect.set(globalThis, HOST_FILES_KEY, this);
  }

  dataDir(): string {
    return DATA_DIR;
  }

  join(folder: string, name: string): string {
    return folder === "" ? name : `${folder.replace(/\/+$/, "")}/${name}`;
  }

  exists(path: string): boolean {
    const key = this.resolve(path);
    if (this.written.has(key)) return true;
    const slash = key.lastIndexOf("/");
    const files = this.listing(slash < 0 ? "" : key.slice(0, slash));
    return files?.has(key.slice(slash + 1)) ?? false;
  }

  read(path: string): Uint8Array {
    const key = this.resolve(path);
    const kept = this.written.get(key);
    if (kept !== undefined) return kept.slice();
    const response = this.send(this.filesUrl + key.split("/").map(encodeURIComponent).join("/"), "arraybuffer");
    if (response.status !== 200) {
      throw new Error(`read: cannot read "${path}" from the site; expected a file under files/${key}, got HTTP ${response.status}`);
    }
    return new Uint8Array(response.response as ArrayBuffer);
  }

  write(path: string, pieces: Iterable<Uint8Array>): void {
    const parts = [...pieces];
    const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const part of parts) {
      bytes.set(part, at);
      at += part.length;
    }
    this.written.set(this.resolve(path), bytes);
  }

  /** `path` relative to `files/`: absolute paths from the top, others from the notebook's folder. */
  resolve(path: string): string {
    const start = path.startsWith("/") ? [] : this.location.split("/").filter((p) => p !== "");
    for (const part of path.split("/")) {
      if (part === "" || part === ".") continue;
      if (part === "..") start.pop();
      else start.push(part);
    }
    return start.join("/");
  }

  /** The file names of `folder` from its listing, read once. */
  private listing(folder: string): Set<string> | null {
    if (!this.listings.has(folder)) {
      const prefix = folder === "" ? "" : `${folder.split("/").map(encodeURIComponent).join("/")}/`;
      const xhr = this.send(`${this.listingsUrl}${prefix}all.json`, "text");
      let names: Set<string> | null = null;
      if (xhr.status === 200) {
        const model = JSON.parse(xhr.responseText) as { content: { name: string; type: string }[] };
        names = new Set(model.content.filter((entry) => entry.type !== "directory").map((entry) => entry.name));
      }
      this.listings.set(folder, names);
    }
    return this.listings.get(folder) ?? null;
  }

  private send(url: string, responseType: SyncRequest["responseType"]): SyncRequest {
    const Request = Reflect.get(globalThis, "XMLHttpRequest") as new () => SyncRequest;
    const xhr = new Request();
    xhr.open("GET", url, false);
    xhr.responseType = responseType;
    try {
      xhr.send();
    } catch {
      // a network failure reads as status 0 below
    }
    return xhr;
  }
}
