/** The checks `train` runs on its options before anything is touched. */
import { ValueError } from "../errors";
import { checkKnownOptions } from "../known-options";
import type { TrainOptions } from "./train";

/** Every option `train` reads; any other key is a typo and is rejected. */
const TRAIN_OPTIONS = [
  "model",
  "data",
  "optimizer",
  "loss",
  "clip",
  "steps",
  "epochs",
  "tbptt",
  "evaluate",
  "evalEvery",
  "scheduler",
  "schedulerEvery",
  "checkpoint",
  "earlyStopping",
  "callbacks",
  "signal",
] as const;

/** Throws a ValueError naming the first bad option (unknown key, bad number, missing function). */
export function checkTrainOptions<B, S>(o: TrainOptions<B, S>): void {
  if (typeof o !== "object" || o === null) {
    throw new ValueError(`train: expected an options object { model, data, optimizer, loss, ... }; got ${String(o)}`);
  }
  checkKnownOptions("train", o, TRAIN_OPTIONS);
  const positive = (name: string, v: number | undefined): void => {
    if (v !== undefined && !(Number.isInteger(v) && v > 0)) throw new ValueError(`train: ${name} must be a positive integer; got ${v}`);
  };
  positive("steps", o.steps);
  positive("epochs", o.epochs);
  positive("evalEvery", o.evalEvery);
  positive("checkpoint.every", o.checkpoint?.every);
  if (o.clip !== undefined && !(o.clip > 0)) throw new ValueError(`train: clip must be a positive number; got ${o.clip}`);
  if (typeof o.loss !== "function") throw new ValueError(`train: loss must be a function of the batch; got ${typeof o.loss}`);
  if (o.schedulerEvery !== undefined && o.schedulerEvery !== "epoch" && o.schedulerEvery !== "step") {
    throw new ValueError(`train: schedulerEvery must be "epoch" or "step"; got ${String(o.schedulerEvery)}`);
  }
  const data: unknown = o.data;
  const iterable = typeof data === "function" || typeof (data as { [Symbol.iterator]?: unknown } | null)?.[Symbol.iterator] === "function";
  if (!iterable) throw new ValueError(`train: data must be an iterable of batches or a function (epoch) => batches; got ${String(data)}`);
  if (o.signal !== undefined && !(o.signal instanceof AbortSignal)) {
    throw new ValueError(`train: signal must be an AbortSignal; got ${String(o.signal)}`);
  }
}
