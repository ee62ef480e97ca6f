/**
 * Completion and inspection in the browser kernel, from TypeScript's language service over a
 * virtual file system: the standard library's declarations (ES2022), seqgrad's declarations and a
 * few globals of the kernel (`console`, `process.env`, timers), all fetched once from the site on
 * the first request. The document is every cell that ran, in order, followed by the cell being
 * edited, so names from earlier cells complete and show their types.
 */
import ts from "typescript";
import type { CompleteResult, InspectResult } from "../protocol";

/** The kernel's globals beyond ES2022. */
const GLOBALS = `
interface Console { log(...data: any[]): void; info(...data: any[]): void; debug(...data: any[]): void;
  warn(...data: any[]): void; error(...data: any[]): void; table(data: any): void; }
declare var console: Console;
declare var process: { env: Record<string, string | undefined> };
declare function setTimeout(handler: (...args: any[]) => void, timeout?: number, ...args: any[]): number;
declare function clearTimeout(id: number | undefined): void;
declare function setInterval(handler: (...args: any[]) => void, timeout?: number, ...args: any[]): number;
declare function clearInterval(id: number | undefined): void;
declare function queueMicrotask(callback: () => void): void;
declare var performance: { now(): number };
`;

const CELL = "/cell.ts";
const LIB = "/lib/lib.es2022.d.ts";

const OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Node10,
  lib: ["lib.es2022.d.ts"],
  strict: false,
  allowJs: false,
  types: [],
};

/** Maps TypeScript's element kinds to the words JupyterLab's completer shows. */
const KINDS: Record<string, string> = {
  function: "function",
  method: "method",
  "local function": "function",
  class: "class",
  interface: "interface",
  type: "type",
  enum: "enum",
  module: "module",
  property: "property",
  getter: "property",
  setter: "property",
  var: "variable",
  let: "variable",
  const: "constant",
  "local var": "variable",
  parameter: "variable",
  keyword: "keyword",
};

export class CellLanguageService {
  private loading: Promise<Map<string, string>> | undefined;
  private service: ts.LanguageService | undefined;
  private document = "";
  private version = 0;

  constructor(private readonly typesUrl: string) {}

  /** Completions at `cursor` of `code`, given the sources of the cells that ran. */
  async complete(history: readonly string[], code: string, cursor: number): Promise<CompleteResult> {
    const { service, offset } = await this.open(history, code);
    const start = identifierStart(code, cursor);
    const prefix = code.slice(start, cursor).toLowerCase();
    const info = service.getCompletionsAtPosition(CELL, offset + cursor, {});
    const entries = (info?.entries ?? [])
      .filter((e) => e.name.toLowerCase().startsWith(prefix))
      .sort((a, b) => a.sortText.localeCompare(b.sortText) || a.name.localeCompare(b.name))
      .slice(0, 500);
    return {
      matches: entries.map((e) => e.name),
      cursorStart: start,
      cursorEnd: cursor,
      types: entries.map((e) => ({ start, end: cursor, text: e.name, type: KINDS[e.kind] ?? e.kind })),
    };
  }

  /** The type and documentation of the name at (or just before) `cursor`, or of the call around it. */
  async inspect(history: readonly string[], code: string, cursor: number): Promise<InspectResult> {
    const { service, offset } = await this.open(history, code);
    const at = offset + cursor;
    const info = service.getQuickInfoAtPosition(CELL, at) ?? service.getQuickInfoAtPosition(CELL, Math.max(offset, at - 1));
    if (info !== undefined) {
      return found(ts.displayPartsToString(info.displayParts), ts.displayPartsToString(info.documentation), info.tags ?? []);
    }
    const help = service.getSignatureHelpItems(CELL, at, undefined);
    const item = help?.items[help.selectedItemIndex];
    if (help === undefined || item === undefined) return { found: false, bundle: {} };
    const signature = [...item.prefixDisplayParts, ...item.parameters.flatMap((p, i) => (i === 0 ? p.displayParts : [...item.separatorDisplayParts, ...p.displayParts])), ...item.suffixDisplayParts];
    return found(ts.displayPartsToString(signature), ts.displayPartsToString(item.documentation), item.tags);
  }

  private async open(history: readonly string[], code: string): Promise<{ service: ts.LanguageService; offset: number }> {
    const files = await this.load();
    const prefix = history.map((cell) => `${cell}\n;\n`).join("");
    this.document = prefix + code;
    this.version += 1;
    this.service ??= ts.createLanguageService(this.host(files), ts.createDocumentRegistry());
    return { service: this.service, offset: prefix.length };
  }

  private load(): Promise<Map<string, string>> {
    this.loading ??= fetch(this.typesUrl)
      .then(async (response) => {
        if (!response.ok) throw new Error(`language service: cannot load ${this.typesUrl} (HTTP ${response.status})`);
        const bundle = (await response.json()) as Record<string, string>;
        const files = new Map(Object.entries(bundle));
        files.set("/globals.d.ts", GLOBALS);
        return files;
      })
      .catch((error: unknown) => {
        this.loading = undefined;
        throw error;
      });
    return this.loading;
  }

  private host(files: Map<string, string>): ts.LanguageServiceHost {
    const text = (name: string): string | undefined => (name === CELL ? this.document : files.get(name));
    return {
      getCompilationSettings: () => OPTIONS,
      getScriptFileNames: () => [CELL, "/globals.d.ts"],
      getScriptVersion: (name) => (name === CELL ? String(this.version) : "1"),
      getScriptSnapshot: (name) => {
        const content = text(name);
        return content === undefined ? undefined : ts.ScriptSnapshot.fromString(content);
      },
      getCurrentDirectory: () => "/",
      getDefaultLibFileName: () => LIB,
      fileExists: (name) => text(name) !== undefined,
      readFile: (name) => text(name),
      directoryExists: (dir) => {
        const prefix = dir.endsWith("/") ? dir : `${dir}/`;
        for (const name of files.keys()) if (name.startsWith(prefix)) return true;
        return false;
      },
      getDirectories: () => [],
    };
  }
}

function found(signature: string, documentation: string, tags: readonly ts.JSDocTagInfo[]): InspectResult {
  const tagText = tags.map((tag) => `@${tag.name} ${ts.displayPartsToString(tag.text ?? [])}`.trim());
  const plain = [signature, documentation, ...tagText].filter((part) => part !== "").join("\n\n");
  const markdown = [`\`\`\`typescript\n${signature}\n\`\`\``, documentation, ...tagText.map((t) => `*${t}*`)].filter((p) => p !== "").join("\n\n");
  return { found: true, bundle: { "text/plain": plain, "text/markdown": markdown } };
}

/** Where the identifier that ends at `cursor` starts. */
function identifierStart(code: string, cursor: number): number {
  let start = cursor;
  while (start > 0 && /[\w$]/.test(code[start - 1] ?? "")) start -= 1;
  return start;
}
