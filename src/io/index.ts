/** Saving and loading: safetensors files (PyTorch-compatible) and atomic training checkpoints. */
export { saveSafetensors, loadSafetensors, toSafetensorsBytes, fromSafetensorsBytes, parseSafetensors } from "./safetensors";
export type { TensorRecord, SafetensorsWriteOptions, SafetensorsContents } from "./safetensors";
export { SafetensorsError } from "./safetensors-error";
export type { SafetensorsProblem } from "./safetensors-error";
export type { SafetensorsDType } from "./safetensors-dtype";
export { saveCheckpoint, loadCheckpoint } from "./checkpoint";
export type { CheckpointContents, LoadCheckpointOptions, LoadedCheckpoint, HasStateDict } from "./checkpoint";
