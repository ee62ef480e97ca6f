import { envVar } from "../runtime/node-builtin";
import { setStorageProvider } from "../tensor/dtype";
import { Backend, getBackend, registerBackend, registerFallback, setBackend } from "./backend";
import { sigmoidJs, tanhJs } from "./js/activations";
import { adamStepJs } from "./js/adam";
import { gruCellBackwardJs, lstmCellBackwardJs } from "./js/cell-backward";
import { gruCellJs, lstmCellJs } from "./js/cells";
import { colSumJs } from "./js/col-sum";
import { crossEntropyRowsJs } from "./js/cross-entropy";
import { gemmJs } from "./js/gemm";
import { linearJs } from "./js/linear";
import { pinJs, unpinJs } from "./js/pinned";
import { JS_STEPS } from "./js/steps";
import { WasmBackend, createWasmBackend } from "./wasm";

/** The plain-JS backend: always available, the reference for every faster one. */
export const JS_BACKEND: Backend = {
  name: "js",
  detail: "plain JavaScript, 1 thread",
  gemm: gemmJs,
  linear: linearJs,
  pin: pinJs,
  unpin: unpinJs,
  colSum: colSumJs,
  adamStep: adamStepJs,
  crossEntropyRows: crossEntropyRowsJs,
  sigmoid: sigmoidJs,
  tanh: tanhJs,
  lstmCell: lstmCellJs,
  gruCell: gruCellJs,
  lstmCellBackward: lstmCellBackwardJs,
  gruCellBackward: gruCellBackwardJs,
  ...JS_STEPS,
};

registerFallback(JS_BACKEND);

/** The WebAssembly SIMD backend, or null on an engine without WebAssembly SIMD128. */
export const WASM_BACKEND: WasmBackend | null = createWasmBackend(JS_BACKEND);

if (WASM_BACKEND !== null) registerBackend(WASM_BACKEND);

// Tensors live in the wasm backend's memory while it is the current backend (and its memory is
// shared); under the js backend, and on engines without shared memory, they are plain typed arrays.
const storage = WASM_BACKEND?.storage ?? null;
if (storage !== null) {
  setStorageProvider({
    allocate: (dtype, n, zeroed, operand) => (getBackend() === WASM_BACKEND ? storage.allocate(dtype, n, zeroed, operand) : null),
    release: (data) => storage.release(data),
    crowded: () => storage.crowded(),
  });
}

// Default: wasm where available. SEQGRAD_BACKEND=js (or wasm) in the environment forces one.
const requested = envVar("SEQGRAD_BACKEND");
if (requested !== undefined && requested !== "") setBackend(requested);
else if (WASM_BACKEND !== null) setBackend(WASM_BACKEND);

export { getBackend, setBackend, jsBackend, listBackends } from "./backend";
export type { Backend } from "./backend";
export type { PinnedOperand } from "./pinned";
export type { Nonlinearity, RecurrentSteps } from "./recurrent-steps";
