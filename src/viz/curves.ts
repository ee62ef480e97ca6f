/**
 * Live training curves: several series (train and validation loss, perplexity, gradient norm before
 * clipping, learning rate, ...) against step, in panels with their own y axes, with a progress bar
 * (steps per second, ETA, current metrics). In a notebook the figure is shown once and updated in
 * place through a display handle, at most a few times per second; in plain Node a one-line progress
 * bar is written to the terminal instead.
 *
 * Pass it as the `callbacks` of `train.train(...)`, or call `log(step, metrics)` from your own loop.
 */
import { checkKnownOptions } from "../known-options";
import { CURVES_OPTIONS } from "./option-names";
import { display } from "../runtime/display";
import type { DisplayHandle } from "../runtime/display";
import { kernelBridge } from "../runtime/kernel-bridge";
import { nodeBuiltin } from "../runtime/node-builtin";
import type { EvalRecord, History, StepRecord } from "../train/history";
import { ValueError } from "../errors";
import { compact, seriesIndices } from "./data/downsample";
import { Figure } from "./figure";
import type { FigureBundle } from "./figure";
import type { CurvesPanel, CurvesPayload, Progress } from "./payloads";
import { renderCurves } from "./curves-svg";
import { progressLine } from "./progress-text";
import { fitAxis } from "./data/axis";
import { chartLayout } from "./svg/chart";
import { seriesColor } from "./payloads/style";
import { curvesSummary, smooth } from "./curves-text";

/** Most points carried per series. */
export const CURVES_MAX_POINTS = 1500;
/** Panels per row of the grid. */
export const CURVES_COLUMNS = 2;

/** Size of one panel of the grid, in pixels: two columns (820 px) print on a portrait A4 handout with text of at least 7 pt. */
export const CURVES_PANEL = { width: 410, height: 260 } as const;

/** What both drawings print in place of the panels before the first value is logged (a caption, centred in a panel's cell). */
export const CURVES_EMPTY_NOTE = "no values logged yet";

/** Options of `viz.curves`. */
export interface CurvesOptions {
  title?: string;
  /** Planned number of steps (for the progress bar and ETA). */
  total?: number;
  /** Label of the x axis (default "step"). */
  xLabel?: string;
  /** EMA smoothing s in [0, 1) drawn over the raw series (default 0.6; 0 turns it off). */
  smoothing?: number;
  /** Panels drawn with a log y axis (default: perplexity, gradient norm, learning rate). */
  logPanels?: readonly string[];
  /** Least time between two live updates, in ms (default 300: about 3 updates per second). */
  throttleMs?: number;
  /** Show and update the figure while logging (default true). */
  live?: boolean;
  /** Where the plain-Node progress bar goes (default process.stderr). */
  stream?: { write(text: string): unknown; isTTY?: boolean };
}

const PANELS: Array<{ id: string; title: string; yLabel: string; test: RegExp }> = [
  { id: "loss", title: "loss", yLabel: "loss", test: /loss/i },
  { id: "perplexity", title: "perplexity", yLabel: "perplexity", test: /perplexity|ppl/i },
  { id: "grad_norm", title: "gradient norm before clipping", yLabel: "\u2016g\u2016", test: /grad/i },
  { id: "lr", title: "learning rate", yLabel: "lr", test: /^lr$|learning.?rate/i },
];

interface SeriesData {
  panel: string;
  x: number[];
  y: number[];
}

/** A live training-curves figure (see the module comment). */
export class TrainingCurves {
  private readonly series = new Map<string, SeriesData>();
  private readonly latest: Record<string, number> = {};
  private readonly started = Date.now();
  private step = 0;
  private epoch: number | null = null;
  private state: Progress["state"] = "running";
  private handle: DisplayHandle | null = null;
  private lastUpdate = 0;
  private pending: ReturnType<typeof setTimeout> | null = null;
  private rate: { step: number; time: number; value: number | null } = { step: 0, time: Date.now(), value: null };
  private readonly options: CurvesOptions;

  constructor(options: CurvesOptions = {}) {
    checkKnownOptions("TrainingCurves", options, CURVES_OPTIONS);
    const s = options.smoothing ?? 0.6;
    if (!(s >= 0 && s < 1)) throw new ValueError(`viz.curves: smoothing must be in [0, 1); expected e.g. 0.6, got ${s}`);
    this.options = options;
  }

  /**
   * Records `metrics` at `step` (metric names choose the panel: "*loss*", "perplexity", "grad*",
   * "lr"; others get a panel of their own) and refreshes the live display.
   *
   * @example curves.log(step, { train_loss: loss.item(), lr: opt.lr })
   */
  log(step: number, metrics: Readonly<Record<string, number>>, epoch?: number): void {
    for (const [name, value] of Object.entries(metrics)) {
      const s = this.series.get(name) ?? { panel: panelOf(name), x: [], y: [] };
      s.x.push(step);
      s.y.push(value);
      this.series.set(name, s);
      this.latest[name] = value;
    }
    this.step = Math.max(this.step, step);
    if (epoch !== undefined) this.epoch = epoch;
    this.refresh(false);
  }

  /** `train` callback: logs loss, gradient norm, learning rate and extra metrics of a step. */
  onStep(record: StepRecord): void {
    this.log(record.step, { train_loss: record.loss, grad_norm: record.gradNorm, lr: record.lr, ...record.metrics }, record.epoch);
  }

  /** `train` callback: logs validation metrics. */
  onEval(record: EvalRecord): void {
    this.log(record.step, record.metrics, record.epoch);
  }

  /** `train` callback: the final update. */
  onEnd(history: History): void {
    this.finish(history.stopped === "completed" || history.stopped === "early-stopping" ? "finished" : "stopped");
  }

  /** Marks the run finished (or stopped) and shows the final figure. */
  finish(state: "finished" | "stopped" = "finished"): void {
    this.state = state;
    this.refresh(true);
  }

  /** The current progress: step, rate, ETA and the latest metrics. */
  progress(): Progress {
    const now = Date.now();
    if (now - this.rate.time >= 1000 && this.step > this.rate.step) {
      const inst = ((this.step - this.rate.step) * 1000) / (now - this.rate.time);
      this.rate = { step: this.step, time: now, value: this.rate.value === null ? inst : 0.7 * this.rate.value + 0.3 * inst };
    }
    const elapsed = (now - this.started) / 1000;
    const sps = this.rate.value ?? (elapsed > 0 && this.step > 0 ? this.step / elapsed : null);
    const total = this.options.total ?? null;
    const eta = total !== null && sps !== null && sps > 0 ? Math.max(0, (total - this.step) / sps) : null;
    const metrics: Progress["metrics"] = {};
    for (const [k, v] of Object.entries(this.latest)) metrics[k] = compact(v);
    return { step: this.step, total, epoch: this.epoch, elapsedSeconds: elapsed, stepsPerSecond: sps, etaSeconds: this.state === "running" ? eta : 0, metrics, state: this.state };
  }

  /** A snapshot of the curves as a figure. */
  figure(): Figure<"curves"> {
    const smoothing = this.options.smoothing ?? 0.6;
    const entries = [...this.series.entries()].map(([name, s], i) => {
      const keep = seriesIndices(s.x.length, CURVES_MAX_POINTS);
      const y = keep.map((k) => s.y[k] ?? NaN);
      // Smooth noisy per-step series only: not sparse evaluations, not the learning rate.
      const smoothed = smoothing > 0 && y.length >= 20 && s.panel !== "lr" ? smooth(y, smoothing).map(compact) : null;
      return { name, panel: s.panel, color: seriesColor(i), x: keep.map((k) => s.x[k] ?? 0), y: y.map(compact), smoothed, raw: y };
    });
    const xLabel = this.options.xLabel ?? "step";
    const xAxis = fitAxis(xLabel, entries.flatMap((e) => e.x), "linear");
    const logPanels = this.options.logPanels ?? ["perplexity", "grad_norm", "lr"];
    const panels: CurvesPanel[] = [];
    for (const e of entries) {
      if (panels.some((p) => p.id === e.panel)) continue;
      const known = PANELS.find((p) => p.id === e.panel);
      const log = logPanels.includes(e.panel);
      const values = entries.filter((f) => f.panel === e.panel).flatMap((f) => f.raw);
      const yLabel = known?.yLabel ?? e.panel;
      const title = known?.title ?? e.panel;
      const yAxis = fitAxis(log ? `${yLabel} (log)` : yLabel, values, log ? "log" : "linear");
      // a legend where the panel has two series or more (a panel's title names its one series)
      const legend = entries.filter((f) => f.panel === e.panel).map((f) => ({ name: f.name, color: f.color }));
      panels.push({ id: e.panel, title, xAxis, yAxis, layout: chartLayout({ ...CURVES_PANEL, title, legend, xAxis, yAxis }) });
    }
    panels.sort((a, b) => order(a.id) - order(b.id));
    const payload: CurvesPayload = {
      kind: "curves",
      version: 1,
      ...(this.options.title === undefined ? {} : { title: this.options.title }),
      xLabel,
      smoothing,
      columns: Math.min(CURVES_COLUMNS, Math.max(1, panels.length)),
      panelWidth: CURVES_PANEL.width,
      panelHeight: CURVES_PANEL.height,
      panels,
      series: entries.map(({ raw: _raw, ...rest }) => rest),
      progress: this.progress(),
      note: panels.length > 0 ? null : { text: CURVES_EMPTY_NOTE, x: CURVES_PANEL.width / 2, y: CURVES_PANEL.height / 2, anchor: "middle", role: "caption" },
    };
    return new Figure("curves", payload, renderCurves, curvesSummary(payload), this.state !== "running");
  }

  /** The MIME bundle of the current snapshot. */
  [Symbol.for("Jupyter.display")](): FigureBundle {
    return this.figure().bundle();
  }

  toString(): string {
    return progressLine(this.progress());
  }

  private refresh(force: boolean): void {
    if (this.options.live === false) return;
    const now = Date.now();
    const wait = (this.options.throttleMs ?? 300) - (now - this.lastUpdate);
    if (!force && wait > 0) {
      // Trailing update, so the last values show once the loop pauses (async loops).
      this.pending ??= setTimeout(() => {
        this.pending = null;
        this.refresh(true);
      }, wait);
      this.pending.unref?.();
      return;
    }
    if (this.pending !== null) clearTimeout(this.pending);
    this.pending = null;
    this.lastUpdate = now;
    if (kernelBridge() === undefined) this.writeTerminal();
    else if (this.handle === null) this.handle = display(this);
    else this.handle.update(this);
  }

  private writeTerminal(): void {
    const stream = this.options.stream ?? nodeBuiltin<NodeJS.Process>("node:process")?.stderr;
    if (stream === undefined) return;
    const line = progressLine(this.progress());
    const done = this.state !== "running";
    if (stream.isTTY === true) stream.write(`\r${line}\u001b[K${done ? "\n" : ""}`);
    else stream.write(`${line}\n`);
  }
}

function panelOf(name: string): string {
  return PANELS.find((p) => p.test.test(name))?.id ?? name;
}

function order(id: string): number {
  const i = PANELS.findIndex((p) => p.id === id);
  return i < 0 ? PANELS.length : i;
}

/**
 * A live training-curves figure.
 *
 * @example const live = viz.curves({ total: 2000 }); await train.train({ ..., callbacks: live });
 */
export function curves(options: CurvesOptions = {}): TrainingCurves {
  return new TrainingCurves(options);
}
