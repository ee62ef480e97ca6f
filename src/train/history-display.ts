/**
 * How a run's `History` shows itself: a compact summary (steps, time, stop reason, final and best
 * of each metric) and the training curves, never a dump of every step. In a notebook the value of
 * `await train.train({...})` is the curves figure titled with the summary; as text it is the summary.
 */
import { curves } from "../viz/curves";
import { formatValue } from "../viz/payloads/style";
import type { History } from "./history";

/** Final, best (smallest, or largest for accuracy-like names) and count of one metric. */
interface MetricSummary {
  name: string;
  final: number;
  best: number;
  bestStep: number;
}

const JUPYTER_DISPLAY = Symbol.for("Jupyter.display");
const INSPECT = Symbol.for("nodejs.util.inspect.custom");

function larger(name: string): boolean {
  return /acc|bleu|f1|precision|recall|exact/i.test(name);
}

/** Each metric of the run (train loss, gradient norm, learning rate, step and eval metrics). */
export function metricSummaries(h: History): MetricSummary[] {
  const series = new Map<string, Array<[number, number]>>();
  const add = (name: string, step: number, v: number): void => {
    if (!Number.isFinite(v)) return;
    const list = series.get(name) ?? [];
    list.push([step, v]);
    series.set(name, list);
  };
  for (const s of h.steps) {
    add("train_loss", s.step, s.loss);
    for (const [k, v] of Object.entries(s.metrics)) add(k, s.step, v);
  }
  for (const e of h.evals) for (const [k, v] of Object.entries(e.metrics)) add(k, e.step, v);
  const out: MetricSummary[] = [];
  for (const [name, list] of series) {
    const first = list[0];
    const last = list[list.length - 1];
    if (first === undefined || last === undefined) continue;
    const sign = larger(name) ? -1 : 1;
    // the first step that reached the best value
    const best = list.reduce((b, p) => (sign * p[1] < sign * b[1] ? p : b), first);
    out.push({ name, final: last[1], best: best[1], bestStep: best[0] });
  }
  return out;
}

function seconds(ms: number): string {
  return ms < 60_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** `200 steps, 2 epochs in 12.3 s (completed)`. */
export function headline(h: History): string {
  const epochs = h.epochs > 1 ? `, ${h.epochs} epochs` : "";
  const why = h.message === undefined ? h.stopped : `${h.stopped}: ${h.message}`;
  return `${h.step} steps${epochs} in ${seconds(h.elapsedMs)} (${why})`;
}

/** The summary as text: the headline, then a line per metric with its final and best value. */
export function historyText(h: History): string {
  const metrics = metricSummaries(h);
  const width = Math.max(6, ...metrics.map((m) => m.name.length));
  const lines = metrics.map((m) => `  ${m.name.padEnd(width)}  final ${formatValue(m.final).padEnd(9)} best ${formatValue(m.best)} (step ${m.bestStep})`);
  if (h.best !== null) lines.push(`  early stopping on ${h.best.metric}: best ${formatValue(h.best.value)} at step ${h.best.step}`);
  return [`Training: ${headline(h)}`, ...lines].join("\n");
}

/** The figure title: the headline and the final and best losses. */
function title(h: History): string {
  const losses = metricSummaries(h).filter((m) => /loss/i.test(m.name));
  const parts = losses.map((m) => `${m.name} ${formatValue(m.final)} (best ${formatValue(m.best)})`);
  return [headline(h), ...parts].join("; ");
}

/** The notebook bundle: the run's curves, titled with the summary, and the text summary. */
export function historyBundle(h: History): Record<string, unknown> {
  const run = curves({ live: false, title: title(h) });
  for (const s of h.steps) run.onStep(s);
  for (const e of h.evals) run.onEval(e);
  run.onEnd(h);
  return { ...run.figure().bundle(), "text/plain": historyText(h) };
}

/**
 * `h` with its display methods (not enumerable, so JSON, spreads and `Object.keys` see the plain
 * record): the compact summary in notebooks and consoles.
 */
export function withDisplay(h: History): History {
  Object.defineProperty(h, JUPYTER_DISPLAY, { value: () => historyBundle(h), enumerable: false });
  Object.defineProperty(h, INSPECT, { value: () => historyText(h), enumerable: false });
  Object.defineProperty(h, "toString", { value: () => historyText(h), enumerable: false });
  return h;
}
