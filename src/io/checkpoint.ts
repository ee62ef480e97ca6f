import { checkKnownOptions } from "../known-options";
import { ValueError } from "../errors";
import type { OptimizerLike, OptimizerStateDict } from "../optim/optimizer";
import { Generator, RngState, defaultGenerator } from "../tensor/random";
import { Tensor } from "../tensor/tensor";
import { writeFileAtomic } from "./atomic-write";
import { CHECKPOINT_FORMAT, LoadedCheckpoint, MODEL_PREFIX, OPTIM_PREFIX, OptimizerMetadata, numbersAsNames } from "./checkpoint-format";
import { readCheckpoint } from "./checkpoint-read";
import { TensorRecord, safetensorsChunks } from "./safetensors";

/** Anything with a state dict of tensors by name (a `Module`). */
export interface HasStateDict {
  stateDict(): TensorRecord;
  loadStateDict(dict: Record<string, Tensor>, options?: { strict?: boolean }): unknown;
}

/** A learning-rate scheduler (any of `optim`'s): its counters go into checkpoints as JSON. */
export interface SchedulerLike {
  stateDict(): object;
  loadStateDict(state: never): void;
}

/** What `saveCheckpoint` stores. */
export interface CheckpointContents {
  /** The model: its `stateDict()` is saved. */
  model?: HasStateDict;
  /** The optimizer: buffers, step counts and hyperparameters (learning rates included). */
  optimizer?: OptimizerLike;
  /** The learning-rate scheduler: its counters (epoch, base and last rates, plateau state). */
  scheduler?: SchedulerLike;
  /** The training step (or epoch) reached. */
  step?: number;
  /** The random generator to save (default the one `manualSeed` seeds), or its state. */
  rng?: Generator | RngState;
  /** Anything JSON-serializable: configuration, vocabulary, best validation loss... */
  extra?: Record<string, unknown>;
}

/** Options of `loadCheckpoint`. */
export interface LoadCheckpointOptions {
  /** Load the saved weights into this model (strictly: every key must match). */
  model?: HasStateDict;
  /** Restore this optimizer's state. */
  optimizer?: OptimizerLike;
  /** Restore this scheduler's state (build it with the same options, then load). */
  scheduler?: SchedulerLike;
  /** Restore the random generator: true (default) for the default one, false, or a generator. */
  rng?: boolean | Generator;
}

/** What `loadCheckpoint` read. */
export type { LoadedCheckpoint } from "./checkpoint-format";


/**
 * Saves a training checkpoint (model weights, optimizer state, step, RNG state) as one
 * safetensors file: tensors under `model.<name>` and `optimizer.<param>.<buffer>`, everything
 * else as JSON in `__metadata__`, so PyTorch tools can open it too. The write is atomic
 * (temporary file, then rename): a crash during the save leaves the previous checkpoint intact.
 *
 * @example saveCheckpoint("ckpt.safetensors", { model, optimizer, step });
 */
export function saveCheckpoint(path: string, contents: CheckpointContents): void {
  checkKnownOptions("saveCheckpoint", contents, ["model", "optimizer", "scheduler", "step", "rng", "extra"]);
  const step = contents.step ?? 0;
  if (!Number.isFinite(step)) throw new ValueError(`saveCheckpoint: step must be a finite number; got ${String(step)}`);
  const record = new Map<string, Tensor>();
  if (contents.model !== undefined) {
    const sd = contents.model.stateDict();
    for (const [name, t] of sd instanceof Map ? sd.entries() : Object.entries(sd)) record.set(MODEL_PREFIX + name, t);
  }
  let optimizer: OptimizerMetadata | null = null;
  if (contents.optimizer !== undefined) {
    const sd = contents.optimizer.stateDict();
    const scalars: Record<string, Record<string, number>> = {};
    for (const [index, st] of Object.entries(sd.state)) {
      scalars[index] = {};
      for (const [key, v] of Object.entries(st)) {
        if (v instanceof Tensor) record.set(`${OPTIM_PREFIX}${index}.${key}`, v);
        else (scalars[index] as Record<string, number>)[key] = v;
      }
    }
    optimizer = { paramGroups: sd.paramGroups, scalars };
  }
  const rng = contents.rng ?? defaultGenerator;
  const metadata: Record<string, string> = {
    format: CHECKPOINT_FORMAT,
    version: "1",
    step: String(step),
    rng: JSON.stringify(rng instanceof Generator ? rng.getState() : [...rng]),
    extra: JSON.stringify(contents.extra ?? {}),
  };
  if (optimizer !== null) metadata.optimizer = JSON.stringify(optimizer);
  if (contents.scheduler !== undefined) metadata.scheduler = JSON.stringify(contents.scheduler.stateDict(), numbersAsNames);
  writeFileAtomic(path, safetensorsChunks(record, { metadata }));
}

/**
 * Reads a checkpoint written by `saveCheckpoint`, loads it into the given model and optimizer,
 * restores the RNG (by default), and returns what it read. The file is parsed and checked
 * before anything is changed (see checkpoint-read.ts); a model whose parameters do not match
 * throws without loading.
 *
 * @example const { step } = loadCheckpoint("ckpt.safetensors", { model, optimizer });
 */
export function loadCheckpoint(path: string, options: LoadCheckpointOptions = {}): LoadedCheckpoint {
  checkKnownOptions("loadCheckpoint", options, ["model", "optimizer", "scheduler", "rng"]);
  const { step, rng, extra, modelState, optimizerState, schedulerState } = readCheckpoint(path);
  if (options.optimizer !== undefined && optimizerState === null) {
    throw new ValueError(`loadCheckpoint: ${path} holds no optimizer state; expected one because an optimizer was given`);
  }
  if (options.scheduler !== undefined && schedulerState === null) {
    throw new ValueError(`loadCheckpoint: ${path} holds no scheduler state; expected one because a scheduler was given`);
  }
  loadAllOrNothing(options, modelState, optimizerState, schedulerState);
  const restore = options.rng ?? true;
  if (restore instanceof Generator) restore.setState(rng);
  else if (restore) defaultGenerator.setState(rng);
  return { step, rng, extra, modelState, optimizerState, schedulerState };
}

/**
 * Loads the model, then the optimizer; if either rejects its state, both are put back as they
 * were, so a bad checkpoint never leaves a half-loaded model behind.
 */
function loadAllOrNothing(options: LoadCheckpointOptions, modelState: Record<string, Tensor>, optimizerState: OptimizerStateDict | null, schedulerState: Record<string, unknown> | null): void {
  const { model, optimizer, scheduler } = options;
  const modelBackup = model === undefined ? undefined : copyRecord(model.stateDict());
  const optimizerBackup = optimizer?.stateDict();
  const schedulerBackup = scheduler?.stateDict();
  try {
    if (model !== undefined) model.loadStateDict(modelState, { strict: true });
    if (optimizer !== undefined && optimizerState !== null) optimizer.loadStateDict(optimizerState);
    if (scheduler !== undefined && schedulerState !== null) scheduler.loadStateDict(schedulerState as never);
  } catch (error) {
    if (model !== undefined && modelBackup !== undefined) model.loadStateDict(modelBackup, { strict: true });
    if (optimizer !== undefined && optimizerBackup !== undefined) optimizer.loadStateDict(optimizerBackup);
    if (scheduler !== undefined && schedulerBackup !== undefined) scheduler.loadStateDict(schedulerBackup as never);
    throw error;
  }
}

function copyRecord(record: TensorRecord): Record<string, Tensor> {
  const out: Record<string, Tensor> = {};
  const entries = record instanceof Map ? [...record.entries()] : Object.entries(record);
  for (const [name, t] of entries) out[name] = new Tensor(t.data.slice(), t.shape);
  return out;
}
