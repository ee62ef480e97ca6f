/**
 * `npm run kernel:install -- [--user | --sys-prefix [--python PY] | --prefix DIR]` and
 * `npm run kernel:uninstall -- [same options]`. Without an option the specs go to the project's
 * own data dir `.jupyter-data/`, which Jupyter sees when started with JUPYTER_PATH set to it
 * (`npm start` does that); nothing outside the project is touched then.
 */
import { resolve } from "node:path";
import { dataDirOf, projectDataDir } from "./data-dir";
import type { InstallTarget } from "./data-dir";
import { installKernelSpecs, uninstallKernelSpecs } from "./install";

const ROOT = resolve(__dirname, "..", "..");
const USAGE = "usage: kernel-cli (install | uninstall) [--user | --sys-prefix [--python PY] | --prefix DIR]";

/** Reads the target from the options after the command. */
export function parseTarget(args: readonly string[]): InstallTarget {
  const valueOf = (flag: string): string | undefined => {
    const at = args.indexOf(flag);
    return at >= 0 ? args[at + 1] : undefined;
  };
  const chosen = ["--user", "--sys-prefix", "--prefix"].filter((flag) => args.includes(flag));
  if (chosen.length > 1) throw new RangeError(`kernel install: pick one target; expected one of --user, --sys-prefix, --prefix, got ${chosen.join(" and ")}`);
  if (args.includes("--user")) return { kind: "user" };
  if (args.includes("--sys-prefix")) return { kind: "sys-prefix", python: valueOf("--python") ?? "python3" };
  if (args.includes("--prefix")) {
    const prefix = valueOf("--prefix");
    if (prefix === undefined || prefix.startsWith("--")) throw new RangeError("kernel install: --prefix needs a folder; expected --prefix DIR, got no DIR");
    return { kind: "prefix", prefix };
  }
  return { kind: "project" };
}

function run(argv: readonly string[]): number {
  const [command, ...rest] = argv;
  if (command !== "install" && command !== "uninstall") {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const target = parseTarget(rest);
  const dataDir = dataDirOf(target, ROOT);
  if (command === "install") {
    for (const dir of installKernelSpecs(dataDir, ROOT)) process.stdout.write(`installed kernel spec ${dir}\n`);
    if (target.kind === "project") {
      process.stdout.write(`Jupyter sees it with: JUPYTER_PATH="${projectDataDir(ROOT)}" jupyter kernelspec list\n`);
    }
    return 0;
  }
  const removed = uninstallKernelSpecs(dataDir);
  process.stdout.write(removed.length === 0 ? `no seqgrad kernel spec in ${dataDir}\n` : removed.map((d) => `removed ${d}\n`).join(""));
  return 0;
}

try {
  process.exitCode = run(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
