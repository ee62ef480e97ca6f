import { Backend, registerFallback } from "./backend";
import { gemmJs } from "./js/gemm";

/** The plain-JS backend: always available, the reference for every faster one. */
export const JS_BACKEND: Backend = { name: "js", gemm: gemmJs };

registerFallback(JS_BACKEND);

export { getBackend, setBackend, jsBackend } from "./backend";
export type { Backend } from "./backend";
