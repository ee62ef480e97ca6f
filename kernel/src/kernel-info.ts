/** The `kernel_info_reply` of the seqgrad kernel. */
import { readFileSync } from "node:fs";
import { join } from "node:path";

/** What the kernel reports about itself. */
export interface KernelInfoOptions {
  /** The repository root (its package.json gives the implementation version). */
  root: string;
  /** Version of the TypeScript compiler tslab uses. */
  typescriptVersion: string;
  /** Whether cells are type-checked with `strict` on. */
  strict: boolean;
}

/** The complete reply content: status, versions, language_info and banner. */
export function kernelInfo(options: KernelInfoOptions): object {
  const version = packageVersion(join(options.root, "package.json"));
  const tslab = packageVersion(require.resolve("tslab/package.json"));
  const mode = options.strict ? ", strict type checking" : "";
  return {
    status: "ok",
    protocol_version: "5.3",
    implementation: "seqgrad",
    implementation_version: version,
    language_info: {
      name: "typescript",
      version: options.typescriptVersion,
      mimetype: "text/typescript",
      file_extension: ".ts",
      pygments_lexer: "typescript",
      // JupyterLab reads `mode`; the classic notebook reads `name` + `typescript`.
      codemirror_mode: { mode: "typescript", name: "javascript", typescript: true },
      nbconvert_exporter: "script",
    },
    banner:
      `seqgrad ${version}: TypeScript ${options.typescriptVersion} on Node ${process.version}` +
      ` (tslab ${tslab}${mode})`,
    help_links: [],
  };
}

function packageVersion(path: string): string {
  const parsed: unknown = JSON.parse(readFileSync(path, "utf8"));
  const version = typeof parsed === "object" && parsed !== null ? Reflect.get(parsed, "version") : undefined;
  return typeof version === "string" ? version : "0.0.0";
}
