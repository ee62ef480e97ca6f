/** Static drawing of training curves: one chart per panel (raw faint, smoothed bold) and a progress bar. */
import { decodeNumber } from "./payloads";
import type { CurvesPayload, Progress } from "./payloads";
import { xyChart } from "./svg/chart";
import type { ChartSeries } from "./svg/chart";
import { paletteColor } from "./svg/colors";
import { INK, svgDocument, titleHeight } from "./svg/document";
import { el, text } from "./svg/element";
import { progressLine } from "./progress-text";

const PANEL_W = 420;
const PANEL_H = 260;
const COLUMNS = 2;

/** Debiased exponential moving average: m_k = s m_{k-1} + (1 - s) y_k, divided by 1 - s^k. */
export function smooth(y: readonly number[], s: number): number[] {
  let m = 0;
  let k = 0;
  return y.map((v) => {
    if (!Number.isFinite(v)) return NaN;
    k += 1;
    m = s * m + (1 - s) * v;
    return m / (1 - Math.pow(s, k));
  });
}

/** The SVG of a curves payload. */
export function renderCurves(p: CurvesPayload): string {
  const top = titleHeight(p.title);
  const panelsWidth = Math.min(COLUMNS, Math.max(1, p.panels.length)) * PANEL_W;
  const textWidth = p.progress === null ? 0 : 12 + 220 + 10 + progressText(p.progress).length * CHAR_W + 12;
  const width = Math.max(panelsWidth, Math.min(textWidth, COLUMNS * PANEL_W));
  // a progress line too long for one row puts its metrics on a second row under the bar
  const wrap = p.progress !== null && textWidth > width;
  const barH = p.progress === null ? 0 : wrap ? 50 : 34;
  const body: string[] = [];
  if (p.progress !== null) body.push(...progressBar(p.progress, 12, top + 6, panelsWidth - 24, wrap));
  const names = p.series.map((s) => s.name);
  p.panels.forEach((panel, k) => {
    const box = { x: (k % COLUMNS) * PANEL_W, y: top + barH + Math.floor(k / COLUMNS) * PANEL_H, width: PANEL_W, height: PANEL_H };
    const series: ChartSeries[] = [];
    for (const s of p.series.filter((q) => q.panel === panel.id)) {
      const color = paletteColor(names.indexOf(s.name));
      const y = s.y.map(decodeNumber);
      // Smooth noisy per-step series only: not sparse evaluations, not the learning rate.
      const smoothed = p.smoothing > 0 && y.length >= 20 && panel.id !== "lr";
      series.push({ name: s.name, x: s.x, y, color, mode: s.x.length <= 2 ? "line+markers" : "line", width: smoothed ? 1 : 2, opacity: smoothed ? 0.35 : 1, legend: !smoothed });
      if (smoothed) series.push({ name: s.name, x: s.x, y: smooth(y, p.smoothing), color, mode: "line", width: 2.2 });
    }
    body.push(...xyChart({ box, title: panel.title, xLabel: p.xLabel, yLabel: panel.yScale === "log" ? `${panel.yLabel} (log)` : panel.yLabel, yLog: panel.yScale === "log", series }).svg);
  });
  const rows = Math.ceil(p.panels.length / COLUMNS);
  if (p.panels.length === 0) body.push(text(12, top + barH + 30, "no values logged yet", { fill: INK.muted }));
  return svgDocument(width, top + barH + Math.max(1, rows) * PANEL_H + 6, body, p.title);
}

/** Estimated width of one character of the progress text (11.5 px sans-serif, digits and spaces). */
const CHAR_W = 6.6;

/** The progress line without its text bar, at most four metrics (or none, or only them). */
function progressText(g: Progress, part: "all" | "counters" | "metrics" = "all"): string {
  const metrics = part === "counters" ? [] : Object.entries(g.metrics).slice(0, 4);
  const line = progressLine({ ...g, metrics: Object.fromEntries(metrics) }).replace(/^\[[#.]*\]\s*/, "");
  if (part !== "metrics") return line;
  // the metrics are what follows the counters in a line without the trailing state
  const running: Progress = { ...g, state: "running" };
  const withMetrics = progressLine({ ...running, metrics: Object.fromEntries(metrics) });
  return withMetrics.slice(progressLine({ ...running, metrics: {} }).length).trim();
}

function progressBar(g: Progress, x: number, y: number, width: number, wrap: boolean): string[] {
  const barW = Math.min(220, width / 3);
  const f = g.total !== null && g.total > 0 ? Math.min(1, g.step / g.total) : null;
  const color = g.state === "stopped" ? "#c62828" : g.state === "finished" ? "#2e7d32" : "#1f77b4";
  const out = [el("rect", { x, y, width: barW, height: 14, rx: 3, fill: "#eeeeee", stroke: "#bbbbbb" })];
  if (f !== null) out.push(el("rect", { x, y, width: barW * f, height: 14, rx: 3, fill: color, class: "progress" }));
  const style = { fill: INK.text, "font-size": 11.5, class: "progress-text" };
  out.push(text(x + barW + 10, y + 11, progressText(g, wrap ? "counters" : "all"), style));
  if (wrap) out.push(text(x, y + 31, progressText(g, "metrics"), style));
  return out;
}
