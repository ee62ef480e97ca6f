/**
 * Reading a checkpoint file into checked, plain data before anything is loaded: every structure
 * keyed by a name from the file is a null-prototype map (a tensor named `optimizer.__proto__.x`
 * can then never reach `Object.prototype`), every tensor name must belong to the model or to an
 * optimizer parameter, and every metadata field must parse and have its type. A file that fails
 * any check throws here, so `loadCheckpoint` changes nothing.
 */
import { ValueError } from "../errors";
import type { HyperValue, OptimizerStateDict, ParamState } from "../optim/optimizer";
import type { RngState } from "../tensor/random";
import type { Tensor } from "../tensor/tensor";
import { CHECKPOINT_FORMAT, LoadedCheckpoint, MODEL_PREFIX, OPTIM_PREFIX, namesAsNumbers } from "./checkpoint-format";
import { readFileFor } from "./read-file";
import { parseSafetensors } from "./safetensors";

const OP = "loadCheckpoint";

/** A map with no prototype, for keys that come from a file. */
export function nameMap<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** Reads and checks the checkpoint at `path`. */
export function readCheckpoint(path: string): LoadedCheckpoint {
  const { tensors, metadata } = parseSafetensors(readFileFor(OP, path));
  if (metadata.format !== CHECKPOINT_FORMAT) {
    throw new ValueError(`${OP}: ${path} is not a seqgrad checkpoint; expected __metadata__.format "${CHECKPOINT_FORMAT}", got ${JSON.stringify(metadata.format)}`);
  }
  const modelState = nameMap<Tensor>();
  const buffers = nameMap<ParamState>();
  for (const name of Object.keys(tensors)) {
    const t = tensors[name] as Tensor;
    if (name.startsWith(MODEL_PREFIX) && name.length > MODEL_PREFIX.length) {
      modelState[name.slice(MODEL_PREFIX.length)] = t;
      continue;
    }
    const m = name.startsWith(OPTIM_PREFIX) ? /^(\d+)\.(.+)$/.exec(name.slice(OPTIM_PREFIX.length)) : null;
    if (m === null) {
      throw new ValueError(`${OP}: ${path} holds a tensor named ${JSON.stringify(name)}; expected "model.<name>" or "optimizer.<index>.<buffer>"`);
    }
    const buffer = (buffers[m[1] as string] ??= nameMap<Tensor | number>());
    buffer[m[2] as string] = t;
  }
  const step = Number(jsonField(path, metadata, "step", 0));
  if (!Number.isFinite(step)) throw new ValueError(`${OP}: ${path} has a bad step; expected a finite number, got ${JSON.stringify(metadata.step)}`);
  const rng = rngField(path, jsonField(path, metadata, "rng", [0, 0, 0, 0]));
  const extra = jsonField(path, metadata, "extra", {});
  if (typeof extra !== "object" || extra === null || Array.isArray(extra)) {
    throw new ValueError(`${OP}: ${path} has a bad extra field; expected a JSON object, got ${JSON.stringify(metadata.extra)}`);
  }
  const optimizerState = metadata.optimizer === undefined ? null : optimizerField(path, jsonField(path, metadata, "optimizer", null), buffers);
  if (optimizerState === null && Object.keys(buffers).length > 0) {
    throw new ValueError(`${OP}: ${path} holds optimizer buffers but no optimizer metadata; expected both or neither`);
  }
  const schedulerState = metadata.scheduler === undefined ? null : jsonField(path, metadata, "scheduler", null, namesAsNumbers);
  if (schedulerState !== null && (typeof schedulerState !== "object" || Array.isArray(schedulerState))) {
    throw new ValueError(`${OP}: ${path} has a bad scheduler state; expected a JSON object, got ${JSON.stringify(metadata.scheduler)}`);
  }
  return { step, rng, extra: extra as Record<string, unknown>, modelState, optimizerState, schedulerState: schedulerState as Record<string, unknown> | null };
}

/** A metadata field parsed as JSON (`fallback` when absent). */
function jsonField(path: string, metadata: Record<string, string>, key: string, fallback: unknown, reviver?: (key: string, value: unknown) => unknown): unknown {
  const raw = metadata[key];
  if (raw === undefined) return fallback;
  try {
    return JSON.parse(raw, reviver) as unknown;
  } catch (e) {
    throw new ValueError(`${OP}: ${path} has metadata "${key}" that is not JSON (${(e as Error).message}); got ${JSON.stringify(raw.slice(0, 40))}`);
  }
}

/** Four 32-bit words and an optional pending normal (a number or null). */
function rngField(path: string, value: unknown): RngState {
  const ok =
    Array.isArray(value) &&
    (value.length === 4 || value.length === 5) &&
    value.slice(0, 4).every((w) => Number.isInteger(w) && w >= 0 && w < 2 ** 32) &&
    (value[4] === undefined || value[4] === null || typeof value[4] === "number");
  if (!ok) throw new ValueError(`${OP}: ${path} has a bad rng state; expected four 32-bit words and an optional number, got ${JSON.stringify(value)}`);
  return [...(value as number[]), ...(value.length === 4 ? [NaN] : [])].map((v) => (v === null ? NaN : v)) as RngState;
}

/** The optimizer's parameter groups and per-parameter scalars, joined with its tensor buffers. */
function optimizerField(path: string, value: unknown, buffers: Record<string, ParamState>): OptimizerStateDict {
  const saved = value as { paramGroups?: unknown; scalars?: unknown } | null;
  const groups = saved?.paramGroups;
  const groupsOk = Array.isArray(groups) && groups.every((g) => typeof g === "object" && g !== null && !Array.isArray(g));
  const scalars = saved?.scalars;
  const scalarsOk =
    typeof scalars === "object" &&
    scalars !== null &&
    Object.entries(scalars).every(([k, s]) => /^\d+$/.test(k) && typeof s === "object" && s !== null && Object.values(s).every((v) => typeof v === "number" || v === null));
  if (!groupsOk || !scalarsOk) {
    throw new ValueError(`${OP}: ${path} has bad optimizer metadata; expected { paramGroups: [{...}], scalars: { "<index>": { name: number } } }`);
  }
  const state = nameMap<ParamState>();
  const savedScalars = scalars as Record<string, Record<string, number>>;
  for (const index of new Set([...Object.keys(savedScalars), ...Object.keys(buffers)])) {
    const entry = nameMap<Tensor | number>();
    for (const [k, v] of Object.entries(savedScalars[index] ?? {})) entry[k] = v;
    for (const [k, v] of Object.entries(buffers[index] ?? {})) entry[k] = v;
    state[index] = entry;
  }
  return { state, paramGroups: groups as Array<Record<string, HyperValue | number[]>> };
}
