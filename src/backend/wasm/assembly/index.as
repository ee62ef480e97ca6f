// The exports of the seqgrad WebAssembly SIMD kernels module (the only compiled entry file).

export { heapBase, packBPanels, sgemm, workspaceBytes } from "./gemm";
export { gruCell, lstmCell, sigmoidArray, tanhArray } from "./cells";
export { gruCellBackward, lstmCellBackward } from "./cells-backward";
export { rnnCell, rnnCellBackward } from "./rnn";
export { adamStep } from "./adam";
export { colSum } from "./reduce";
export { crossEntropyRows } from "./softmax";
export { gruSequence, lstmSequence, rnnSequence } from "./sequence";
export { sequenceBackward } from "./sequence-backward";
