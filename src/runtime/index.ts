/** The bridge between the library and notebook kernels: rich display and cell interruption. */
export { display } from "./display";
export type { DisplayHandle, DisplayOptions } from "./display";
export { mimeBundle, JUPYTER_DISPLAY } from "./mime-bundle";
export { currentAbortSignal, throwIfAborted } from "./abort";
export { KERNEL_BRIDGE_KEY, KERNEL_BRIDGE_PROTOCOL, displaysSent } from "./kernel-bridge";
export type { KernelBridge } from "./kernel-bridge";
export type { AbortSignalLike } from "./abort-signal";
