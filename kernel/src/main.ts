/**
 * The seqgrad Jupyter kernel: tslab's compiler and executor, started by this launcher with the
 * extensions seqgrad needs (rich results, display handles, proper errors, interrupts of
 * `await`-ing loops, `seqgrad` importable from any folder). Jupyter runs it through the kernel spec:
 * `node kernel/dist/main.js --config-path {connection_file} [--strict]`.
 */
import { createRequire } from "node:module";
import { resolve } from "node:path";
import type * as TypeScript from "@tslab/typescript-for-tslab";
import type { Converter } from "tslab/dist/converter";
import { createExecutor } from "tslab/dist/executor";
import { JupyterHandlerImpl } from "tslab/dist/jupyter";
import { installBridge } from "./bridge";
import { CellContexts } from "./cell-context";
import { CellHelp } from "./cell-help";
import { CellRunner } from "./cell-runner";
import { CellScope } from "./cell-scope";
import { CellSources, useCellSources } from "./cell-sources";
import { createConverterSet } from "./converters";
import { createExecutorConsole } from "./executor-console";
import { expandingShorthand } from "./expand-shorthand";
import { History, historyFile } from "./history";
import { handleInterrupts } from "./interrupt";
import { kernelInfo } from "./kernel-info";
import { overlayPackage } from "./module-overlay";
import { routeOutput } from "./output-routing";
import { startPreemption } from "./preempt";
import { usePackage } from "./public-names";
import { SeqgradServer } from "./server";
import { limitRepositoryTypes } from "./type-roots";
import { strictChecking } from "./strict";
import { suggestingNames } from "./suggestions";

/** The repository root: kernel/dist/main.js lives two levels below it. */
const ROOT = resolve(__dirname, "..", "..");

/** When the compiler is built if no client asked for kernel_info before. */
const WARM_AFTER_MS = 1000;

/** Command-line options of the kernel process. */
interface KernelArgs {
  configPath: string;
  strict: boolean;
}

function parseArgs(argv: readonly string[]): KernelArgs {
  const at = argv.indexOf("--config-path");
  const configPath = at >= 0 ? argv[at + 1] : undefined;
  if (configPath === undefined) {
    throw new RangeError("seqgrad kernel: --config-path is required; expected a connection file, got none");
  }
  const strict = argv.includes("--strict") || process.env["SEQGRAD_STRICT"] === "1";
  return { configPath, strict };
}

/** tslab's TypeScript: the compiler its converters use, whose file system we extend. */
function tslabTypeScript(): typeof TypeScript {
  const fromTslab = createRequire(require.resolve("tslab/package.json"));
  return fromTslab("@tslab/typescript-for-tslab");
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const ts = tslabTypeScript();
  overlayPackage(ts.sys, process.cwd(), "seqgrad", ROOT);
  limitRepositoryTypes(ts.sys, ROOT, ["node"]);
  usePackage(ROOT);
  const cells = new CellContexts();
  const log = routeOutput(cells);
  const preemption = startPreemption(log);
  installBridge(cells);
  // The strict check sees the cell as written; tslab compiles it with shorthand properties expanded.
  const strict = args.strict ? strictChecking(ts) : (converter: Converter): Converter => converter;
  const scope = new CellScope();
  const guard = preemption.guard;
  const sources = new CellSources(ts, () => cells.running()?.count);
  sources.install();
  useCellSources(sources);
  const suggest = suggestingNames(ts, (prevDecl, src) => help.programWith(prevDecl, src));
  const decorate = (converter: Converter): Converter => guard(scope.wrap(sources.wrap(suggest(strict(expandingShorthand(ts)(converter))))));
  const converters = createConverterSet(decorate, preemption.compiling);
  const executor = createExecutor(process.cwd(), converters, createExecutorConsole(cells, log));
  const info = kernelInfo({ root: ROOT, typescriptVersion: ts.version, strict: args.strict });
  const runner = new CellRunner(executor, cells, preemption, (name) => help.documentation(name));
  const help = new CellHelp(ts, process.cwd(), scope, executor, preemption.compiling);
  const history = new History(historyFile());
  const keepDeclarations = (): void => {
    scope.adopt(ts, (name) => executor.locals[name] !== undefined);
  };
  // The compiler (a second or more) is built once the kernel has answered its first kernel_info,
  // so the notebook sees the kernel idle at once, and before the first cell needs it.
  const warm = (): void => void converters.node;
  setTimeout(warm, WARM_AFTER_MS).unref();
  const parts = { runner, help, scope, history, info, keepDeclarations, warm, afterCell: () => help.warmSoon(() => runner.idle) };
  const server = new SeqgradServer(new JupyterHandlerImpl(executor, false), args.configPath, parts);
  handleInterrupts(cells, executor, runner);
  process.on("uncaughtException", (error) => console.error("Uncaught exception:", error));
  process.on("unhandledRejection", (reason) => console.error("Unhandled promise rejection:", reason));
  await server.init();
}

main().catch((error: unknown) => {
  process.stderr.write(`seqgrad kernel failed to start: ${String(error)}\n`);
  process.exit(1);
});
