/**
 * Registers the seqgrad kernel with JupyterLite, and replaces JupyterLite's kernel client by one
 * whose interrupt reaches the kernel: JupyterLite's own only cancels the queued cells, which
 * leaves a running training loop running.
 */
import { PageConfig, URLExt } from "@jupyterlab/coreutils";
import { IServerSettings, type ServerConnection, type ServiceManagerPlugin } from "@jupyterlab/services";
import { IKernelClient, IKernelSpecs, LiteKernelClient, type IKernel } from "@jupyterlite/services";
import { SeqgradKernel } from "./kernel";

/** The kernel's name: the notebooks' kernelspec name, as in the Node kernel. */
export const KERNEL_NAME = "seqgrad";

/** The plugin id this one replaces. */
export const REPLACED_KERNEL_CLIENT = "@jupyterlite/services-extension:kernel-client";

class SeqgradKernelClient extends LiteKernelClient {
  override async interrupt(kernelId: string): Promise<void> {
    const kernel = await this.getModel(kernelId);
    if (kernel instanceof SeqgradKernel) kernel.interrupt();
    await super.interrupt(kernelId);
  }
}

/**
 * `process.env` of the cells: the page config's `seqgradKernelEnv` (jupyter-lite.json), then any
 * `SEQGRAD_*` query parameter of the page (`?SEQGRAD_QUICK=1` runs the notebooks in quick mode).
 */
function kernelEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  const configured: unknown = JSON.parse(PageConfig.getOption("seqgradKernelEnv") || "{}");
  if (typeof configured === "object" && configured !== null) {
    for (const [key, value] of Object.entries(configured)) env[key] = String(value);
  }
  for (const [key, value] of new URLSearchParams(globalThis.location?.search ?? "")) {
    if (key.startsWith("SEQGRAD_")) env[key] = value;
  }
  return env;
}

function register(specs: IKernelSpecs): void {
  const base = PageConfig.getBaseUrl();
  const logo = URLExt.join(base, "build", "kernel", "logo-64x64.png");
  specs.register({
    spec: {
      name: KERNEL_NAME,
      display_name: "TypeScript (seqgrad)",
      language: "typescript",
      argv: [],
      resources: { "logo-32x32": logo, "logo-64x64": logo },
    },
    create: async (options: IKernel.IOptions): Promise<IKernel> =>
      new SeqgradKernel({
        ...options,
        workerUrl: URLExt.join(base, "build", "kernel", "worker.js"),
        typesUrl: URLExt.join(base, "build", "kernel", "types.json"),
        filesUrl: URLExt.join(base, "files/"),
        env: kernelEnv(),
      }),
  });
}

export const kernelClientPlugin: ServiceManagerPlugin<IKernelClient> = {
  id: "@seqgrad/lite:kernel-client",
  description: "The seqgrad TypeScript kernel, and a kernel client whose interrupt reaches it.",
  autoStart: true,
  requires: [IKernelSpecs],
  optional: [IServerSettings],
  provides: IKernelClient,
  activate: (_: null, specs: IKernelSpecs, serverSettings?: ServerConnection.ISettings): IKernelClient => {
    register(specs);
    return new SeqgradKernelClient({ kernelSpecs: specs, serverSettings });
  },
};
