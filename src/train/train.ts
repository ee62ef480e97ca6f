/**
 * The training loop shared by every model: for each batch,
 *
 *   L = loss(model, batch);  g = dL/dtheta;  n = ||g||_2;  g <- g * min(1, clip / n);  theta <- opt(theta, g)
 *
 * with the gradient norm n logged before clipping, periodic evaluation, learning-rate schedules,
 * checkpoints, early stopping, live curves through callbacks, and truncated BPTT (a recurrent state
 * carried from batch to batch, detached so gradients stop at the chunk boundary).
 *
 * The loop is async: it yields to the event loop between steps so notebook displays update and the
 * kernel's interrupt reaches the abort signal, which is checked only between steps (an optimizer
 * step is never half applied). Interrupted runs return their history with `stopped: "aborted"`.
 */
import { noGrad } from "../autograd/grad-mode";
import { AbortError, ValueError } from "../errors";
import type { AbortSignalLike } from "../runtime/abort-signal";
import { currentAbortSignal, throwIfAborted } from "../runtime/abort";
import { displaysSent } from "../runtime/kernel-bridge";
import { Tensor } from "../tensor/tensor";
import { EarlyStopping, EarlyStoppingOptions, EvalRecord, History, StepRecord, StopReason } from "./history";
import { withDisplay } from "./history-display";
import { detachCarry } from "./carry";
import { checkTrainOptions } from "./train-options";
import { snapshot, warnIfDisjoint, warnIfUnchanged } from "./parameter-check";

/** What `train` needs of a model. */
export interface TrainableModel {
  parameters(): Iterable<Tensor>;
  train?(mode?: boolean): unknown;
  eval?(): unknown;
}

/** What `train` needs of an optimizer (every `optim` optimizer fits). */
export interface OptimizerLike {
  zeroGrad(): void;
  step(): void;
  readonly paramGroups: ReadonlyArray<{ lr?: unknown }>;
}

/** A schedule: `step()` once per epoch (or per step), or `step(metric)` after each evaluation (plateau). */
export interface SchedulerLike {
  step(metric?: number): void;
}

/** What the loss function sees besides the batch. */
export interface StepContext<S> {
  step: number;
  epoch: number;
  /** The state the previous step returned, detached (truncated BPTT); undefined at the start of an epoch. */
  state: S | undefined;
}

/** A loss, or a loss with the state to carry and extra numbers to log. */
export type LossOutput<S> = Tensor | { loss: Tensor; state?: S; metrics?: Record<string, number> };

/** Hooks called by the loop; returning `false` from `onStep` or `onEval` stops the run. */
export interface TrainCallbacks {
  onStep?(record: StepRecord): void | boolean;
  onEval?(record: EvalRecord): void | boolean;
  onEpochEnd?(epoch: number, history: History): void;
  onEnd?(history: History): void;
}

/** Options of `train`. */
export interface TrainOptions<B, S = unknown> {
  model: TrainableModel;
  /** Batches of an epoch: a list (re-read each epoch) or a function of the epoch (to reshuffle). */
  data: Iterable<B> | ((epoch: number) => Iterable<B>);
  optimizer: OptimizerLike;
  /** Computes the loss of a batch (in training mode, with grad on). */
  loss: (batch: B, context: StepContext<S>) => LossOutput<S>;
  /** Clip the global gradient norm to this value (default: no clipping). */
  clip?: number;
  /** Stop after this many steps. */
  steps?: number;
  /** Stop after this many epochs (default 1 when `steps` is not given). */
  epochs?: number;
  /** Carry the state the loss returns to the next batch, detached, reset each epoch (default false). */
  tbptt?: boolean;
  /** Validation: metrics of the model (run in eval mode without grad); a bare number is `valid_loss`. */
  evaluate?: (model: TrainableModel) => Record<string, number> | number;
  /** Evaluate every this many steps (default: at the end of each epoch). */
  evalEvery?: number;
  /** Learning-rate schedule; see `SchedulerLike`. */
  scheduler?: SchedulerLike;
  /** When a scheduler without a metric steps: each `epoch` (default) or each `step`. */
  schedulerEvery?: "epoch" | "step";
  /** Save a checkpoint every `every` steps (and at the end) through `save`. */
  checkpoint?: { every: number; save: (info: { step: number; epoch: number; history: History }) => void | Promise<void> };
  /** Stop when the watched validation metric stops improving. */
  earlyStopping?: EarlyStoppingOptions;
  callbacks?: TrainCallbacks;
  /** Abort signal (default: the running notebook cell's). */
  signal?: AbortSignalLike;
}

/**
 * Trains `model` and returns the history.
 *
 * @example
 * const history = await train({ model, data: batches, optimizer: new optim.Adam(model.parameters(), { lr: 1e-3 }),
 *   loss: (b) => model.loss(b), clip: 1, epochs: 5, evaluate: () => model.evaluate(valid) });
 */
export async function train<B, S = unknown>(options: TrainOptions<B, S>): Promise<History> {
  const { model } = options;
  checkTrainOptions(options);
  const maxSteps = options.steps ?? Infinity;
  const maxEpochs = options.epochs ?? (options.steps === undefined ? 1 : Infinity);
  const params = [...model.parameters()];
  const disjoint = warnIfDisjoint(params, options.optimizer);
  const signal = options.signal ?? currentAbortSignal();
  const stopper = options.earlyStopping === undefined ? undefined : new EarlyStopping(options.earlyStopping);
  const history: History = withDisplay({ steps: [], evals: [], stopped: "completed", step: 0, epochs: 0, best: null, elapsedMs: 0 });
  const started = Date.now();
  let lastYield = started;
  let stop: StopReason | null = null;

  const evaluate = (epoch: number): void => {
    const evalFn = options.evaluate;
    if (evalFn === undefined) return;
    model.eval?.();
    const out = noGrad(() => evalFn(model));
    model.train?.(true);
    const metrics = typeof out === "number" ? { valid_loss: out } : out;
    const rec: EvalRecord = { step: history.step, epoch, metrics };
    history.evals.push(rec);
    if (options.callbacks?.onEval?.(rec) === false) stop = "callback";
    const watched = stopper === undefined ? firstValue(metrics) : metrics[stopper.metric];
    if (options.scheduler !== undefined && options.scheduler.step.length > 0 && watched !== undefined) options.scheduler.step(watched);
    if (stopper !== undefined && watched !== undefined) {
      if (stopper.update(watched, history.step)) stop = "early-stopping";
      history.best = { metric: stopper.metric, value: stopper.best, step: stopper.bestStep };
    }
  };

  try {
    model.train?.(true);
    for (let epoch = 0; epoch < maxEpochs && history.step < maxSteps && stop === null; epoch++) {
      throwIfAborted(signal);
      let state: S | undefined;
      const batches = epochBatches(options.data, epoch);
      let seen = 0;
      for (const batch of batches) {
        if (history.step >= maxSteps || stop !== null) break;
        throwIfAborted(signal);
        if (seen++ === 0) history.epochs = epoch + 1;
        const before = history.step === 0 && !disjoint ? snapshot(params) : undefined;
        const rec = runStep(options, params, batch, { step: history.step + 1, epoch, state }, (next) => (state = next));
        if (before !== undefined) warnIfUnchanged(params, before, rec.lr);
        history.step = rec.step;
        history.steps.push(rec);
        if (options.callbacks?.onStep?.(rec) === false) stop = "callback";
        if (options.scheduler !== undefined && options.schedulerEvery === "step" && options.scheduler.step.length === 0) options.scheduler.step();
        if (options.evalEvery !== undefined && history.step % options.evalEvery === 0) evaluate(epoch);
        if (options.checkpoint !== undefined && history.step % options.checkpoint.every === 0) {
          await options.checkpoint.save({ step: history.step, epoch, history });
        }
        if (Date.now() - lastYield > 50) {
          await nextTurn();
          lastYield = Date.now();
        }
      }
      if (seen === 0) {
        // An epoch without a batch makes no progress: the data ran out for good.
        if (epoch === 0) throw new ValueError(`train: data yielded no batch; expected at least one batch in epoch 0, got none`);
        stop = "data-exhausted";
        history.message = exhaustedMessage(options.data, epoch, history.step);
        break;
      }
      if (options.evalEvery === undefined && stop === null) evaluate(epoch);
      if (options.scheduler !== undefined && options.schedulerEvery !== "step" && options.scheduler.step.length === 0) options.scheduler.step();
      options.callbacks?.onEpochEnd?.(epoch, history);
    }
  } catch (err) {
    if (!(err instanceof AbortError)) throw err;
    stop = "aborted";
  }
  history.stopped = stop ?? "completed";
  history.elapsedMs = Date.now() - started;
  if (options.checkpoint !== undefined && history.step % options.checkpoint.every !== 0 && history.step > 0) {
    await options.checkpoint.save({ step: history.step, epoch: history.epochs - 1, history });
  }
  options.callbacks?.onEnd?.(history);
  await displaysSent();
  return history;
}

/** One whole optimizer step: forward, backward, norm, clip, update. Never interrupted midway. */
function runStep<B, S>(
  options: TrainOptions<B, S>,
  params: readonly Tensor[],
  batch: B,
  context: StepContext<S>,
  carry: (state: S | undefined) => void,
): StepRecord {
  options.optimizer.zeroGrad();
  const out = options.loss(batch, context);
  const loss = out instanceof Tensor ? out : out.loss;
  if (loss.numel !== 1) {
    throw new ValueError(`train: the loss must be a single number; expected shape [] or [1], got [${loss.shape.join(", ")}]`);
  }
  loss.backward();
  const gradNorm = globalNorm(params);
  if (options.clip !== undefined && gradNorm > options.clip) {
    const scale = options.clip / (gradNorm + 1e-6);
    for (const p of params) {
      const g = p.grad;
      if (g === null) continue;
      const d = g.data;
      for (let i = 0; i < d.length; i++) d[i] = (d[i] as number) * scale;
    }
  }
  const lr = Number(options.optimizer.paramGroups[0]?.lr ?? NaN);
  options.optimizer.step();
  carry(options.tbptt && !(out instanceof Tensor) && out.state !== undefined ? detachCarry(out.state) : undefined);
  const metrics = out instanceof Tensor ? {} : (out.metrics ?? {});
  return { step: context.step, epoch: context.epoch, loss: loss.item(), gradNorm, lr, metrics };
}

/** ||g||_2 over every gradient (the quantity `clipGradNorm` clips). */
function globalNorm(params: readonly Tensor[]): number {
  let s = 0;
  for (const p of params) {
    const g = p.grad;
    if (g === null) continue;
    const d = g.data;
    for (let i = 0; i < d.length; i++) s += (d[i] as number) * (d[i] as number);
  }
  return Math.sqrt(s);
}

/** The batches of `epoch`, checked to be iterable. */
function epochBatches<B>(data: Iterable<B> | ((epoch: number) => Iterable<B>), epoch: number): Iterable<B> {
  const batches = typeof data === "function" ? data(epoch) : data;
  if (typeof (batches as Partial<Iterable<B>> | null)?.[Symbol.iterator] !== "function") {
    const what = typeof data === "function" ? `data(${epoch}) returned` : "data is";
    throw new ValueError(`train: ${what} not iterable; expected an array or iterable of batches, got ${String(batches)}`);
  }
  return batches;
}

/** Why a run stopped early for lack of data, and what to pass instead. */
function exhaustedMessage(data: unknown, epoch: number, steps: number): string {
  const oneShot = typeof data !== "function" && isOneShot(data);
  const cause = oneShot
    ? `data is a one-shot iterator, used up in epoch ${epoch - 1}; pass an array (re-read each epoch) or a function (epoch) => batches`
    : `data yielded no batch in epoch ${epoch}`;
  return `train: stopped after ${steps} step${steps === 1 ? "" : "s"}: ${cause}`;
}

/** An iterator that is its own iterable (a generator object) yields its items once. */
function isOneShot(data: unknown): boolean {
  const it = data as { [Symbol.iterator]?: () => unknown; next?: unknown };
  const iterate = it[Symbol.iterator];
  return typeof it.next === "function" && typeof iterate === "function" && iterate.call(it) === it;
}

function firstValue(metrics: Record<string, number>): number | undefined {
  return metrics.valid_loss ?? Object.values(metrics)[0];
}

/**
 * Waits one turn of the event loop, so an interrupt, a display and freed storage get their turn:
 * `setImmediate` where the host has it (Node, Deno), else a `MessageChannel` message (browsers and
 * Web Workers, where a 0 ms timer may be clamped to 4 ms and more).
 */
function nextTurn(): Promise<void> {
  const immediate: unknown = Reflect.get(globalThis, "setImmediate");
  if (typeof immediate === "function") return new Promise((resolve) => Reflect.apply(immediate, globalThis, [resolve]));
  if (typeof MessageChannel === "function") {
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      // set as a property: the same in browsers and Node (whose typings lack it); it starts the port
      Reflect.set(channel.port1, "onmessage", (): void => {
        channel.port1.close();
        resolve();
      });
      channel.port2.postMessage(null);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}
