/** One validator per figure kind: required fields, types and consistent sizes. */
import type { PayloadKind } from "./mime";
import { type Obj, arr, axis, bool, box, colorScale, each, fail, idSet, int, jsonNum, matrix, nested, nullableNum, nullableStr, num, obj, oneOf, point, ref, shape, stats, str, valueSummary } from "./checks";

// ---- validators per kind ---------------------------------------------------------------------------

function validateTensor(o: Obj, path: string): void {
  shape(o.shape, `${path}.shape`);
  str(o.dtype, `${path}.dtype`);
  bool(o.requiresGrad, `${path}.requiresGrad`);
  nullableStr(o.gradFn, `${path}.gradFn`);
  nullableStr(o.name, `${path}.name`);
  stats(o.stats, `${path}.stats`);
  if (o.table !== null) nested(o.table, `${path}.table`);
  const v = obj(o.view, `${path}.view`);
  const p = `${path}.view`;
  const type = oneOf(v.type, ["scalar", "bars", "heatmap", "slices"], `${p}.type`);
  if (type === "scalar") jsonNum(v.value, `${p}.value`);
  if (type !== "scalar") colorScale(v.colorScale, `${p}.colorScale`);
  if (type === "bars") {
    const n = each(v.values, `${p}.values`, jsonNum).length;
    each(v.index, `${p}.index`, (x, q) => int(x, q), n);
    axis(v.xAxis, `${p}.xAxis`);
    axis(v.yAxis, `${p}.yAxis`);
    int(v.sourceLength, `${p}.sourceLength`);
  }
  if (type === "heatmap") {
    matrix(v.matrix, `${p}.matrix`);
    cellGrid(v.grid, `${p}.grid`);
  }
  if (type === "slices") {
    const n = each(v.slices, `${p}.slices`, matrix).length;
    each(v.labels, `${p}.labels`, str, n);
    each(v.grids, `${p}.grids`, cellGrid, n);
    int(v.sliceCount, `${p}.sliceCount`);
  }
}

/** Cell size and, for small matrices, the text and ink of every cell. */
function cellGrid(value: unknown, path: string): void {
  const g = obj(value, path);
  num(g.width, `${path}.width`);
  num(g.height, `${path}.height`);
  num(g.fontSize, `${path}.fontSize`);
  for (const key of ["text", "ink"] as const) {
    if (g[key] !== null) each(g[key], `${path}.${key}`, (row, q) => each(row, q, str));
  }
}

function validateGraph(o: Obj, path: string): void {
  num(o.width, `${path}.width`);
  num(o.height, `${path}.height`);
  int(o.totalNodes, `${path}.totalNodes`);
  const nodes = arr(o.nodes, `${path}.nodes`);
  const ids = idSet(nodes, `${path}.nodes`);
  nodes.forEach((item, i) => {
    const p = `${path}.nodes[${i}]`;
    const n = obj(item, p);
    box(n, p);
    oneOf(n.kind, ["parameter", "input", "constant", "op", "output"], `${p}.kind`);
    str(n.label, `${p}.label`);
    shape(n.shape, `${p}.shape`);
    str(n.dtype, `${p}.dtype`);
    if (n.scope !== null) obj(n.scope, `${p}.scope`);
    valueSummary(n.value, `${p}.value`);
    valueSummary(n.grad, `${p}.grad`);
    int(n.hiddenInputs, `${p}.hiddenInputs`);
    str(n.fill, `${p}.fill`);
    str(n.stroke, `${p}.stroke`);
    num(n.rx, `${p}.rx`);
    each(n.lines, `${p}.lines`, (item, q) => {
      const l = obj(item, q);
      str(l.text, `${q}.text`);
      num(l.y, `${q}.y`);
      num(l.size, `${q}.size`);
      bool(l.bold, `${q}.bold`);
      bool(l.mono, `${q}.mono`);
      str(l.color, `${q}.color`);
    });
    each(n.tooltip, `${p}.tooltip`, str);
  });
  str(o.edgeColor, `${path}.edgeColor`);
  str(o.note, `${path}.note`);
  each(o.legend, `${path}.legend`, (item, p) => {
    const l = obj(item, p);
    str(l.name, `${p}.name`);
    str(l.fill, `${p}.fill`);
    str(l.stroke, `${p}.stroke`);
  });
  each(o.edges, `${path}.edges`, (item, p) => {
    const e = obj(item, p);
    str(e.id, `${p}.id`);
    ref(e.source, ids, `${p}.source`);
    ref(e.target, ids, `${p}.target`);
    int(e.inputIndex, `${p}.inputIndex`);
    each(e.points, `${p}.points`, point);
    each(e.head, `${p}.head`, point);
  });
}

function validateUnrolled(o: Obj, path: string): void {
  num(o.width, `${path}.width`);
  num(o.height, `${path}.height`);
  const steps = each(o.steps, `${path}.steps`, (x, p) => int(x, p)).length;
  each(o.columns, `${path}.columns`, num, steps);
  const rows = arr(o.rows, `${path}.rows`);
  const rowIds = idSet(rows, `${path}.rows`);
  rows.forEach((item, i) => {
    const p = `${path}.rows[${i}]`;
    const r = obj(item, p);
    oneOf(r.role, ["x", "h", "y", "loss"], `${p}.role`);
    str(r.label, `${p}.label`);
    nullableStr(r.module, `${p}.module`);
    num(r.y, `${p}.y`);
  });
  const cells = arr(o.cells, `${path}.cells`);
  const cellIds = idSet(cells, `${path}.cells`);
  cells.forEach((item, i) => {
    const p = `${path}.cells[${i}]`;
    const c = obj(item, p);
    box(c, p);
    ref(c.row, rowIds, `${p}.row`);
    int(c.step, `${p}.step`);
    str(c.label, `${p}.label`);
    shape(c.shape, `${p}.shape`);
    int(c.ops, `${p}.ops`);
    each(c.gates, `${p}.gates`, (g, q) => {
      const gate = obj(g, q);
      box(gate, q);
      str(gate.role, `${q}.role`);
      str(gate.label, `${q}.label`);
      int(gate.ops, `${q}.ops`);
    });
    if (c.gradNorm !== null) jsonNum(c.gradNorm, `${p}.gradNorm`);
  });
  each(o.edges, `${path}.edges`, (item, p) => {
    const e = obj(item, p);
    str(e.id, `${p}.id`);
    ref(e.source, cellIds, `${p}.source`);
    ref(e.target, cellIds, `${p}.target`);
    oneOf(e.kind, ["recurrent", "input", "output", "loss", "layer"], `${p}.kind`);
    each(e.parameters, `${p}.parameters`, str);
    each(e.points, `${p}.points`, point);
  });
  each(o.parameters, `${path}.parameters`, (item, p) => {
    const q = obj(item, p);
    str(q.name, `${p}.name`);
    shape(q.shape, `${p}.shape`);
    int(q.color, `${p}.color`);
  });
  bool(o.expanded, `${path}.expanded`);
  bool(o.hasGradNorms, `${path}.hasGradNorms`);
}

function validateCurves(o: Obj, path: string): void {
  str(o.xLabel, `${path}.xLabel`);
  const s = num(o.smoothing, `${path}.smoothing`);
  if (s < 0 || s >= 1) fail(`${path}.smoothing`, "a number in [0, 1)", s);
  const panels = arr(o.panels, `${path}.panels`);
  const ids = idSet(panels, `${path}.panels`);
  int(o.columns, `${path}.columns`, 1);
  panels.forEach((item, i) => {
    const p = `${path}.panels[${i}]`;
    const q = obj(item, p);
    str(q.title, `${p}.title`);
    axis(q.xAxis, `${p}.xAxis`);
    axis(q.yAxis, `${p}.yAxis`);
  });
  each(o.series, `${path}.series`, (item, p) => {
    const q = obj(item, p);
    str(q.name, `${p}.name`);
    ref(q.panel, ids, `${p}.panel`);
    str(q.color, `${p}.color`);
    const n = each(q.x, `${p}.x`, num).length;
    each(q.y, `${p}.y`, jsonNum, n);
    if (q.smoothed !== null) each(q.smoothed, `${p}.smoothed`, jsonNum, n);
  });
  if (o.progress === null) return;
  const p = `${path}.progress`;
  const g = obj(o.progress, p);
  int(g.step, `${p}.step`);
  if (g.total !== null) int(g.total, `${p}.total`);
  if (g.epoch !== null) int(g.epoch, `${p}.epoch`);
  num(g.elapsedSeconds, `${p}.elapsedSeconds`);
  nullableNum(g.stepsPerSecond, `${p}.stepsPerSecond`);
  nullableNum(g.etaSeconds, `${p}.etaSeconds`);
  const metrics = obj(g.metrics, `${p}.metrics`);
  for (const key of Object.keys(metrics)) jsonNum(metrics[key], `${p}.metrics.${key}`);
  oneOf(g.state, ["running", "finished", "stopped"], `${p}.state`);
}

function validateAttention(o: Obj, path: string): void {
  const s = each(o.source, `${path}.source`, str).length;
  const t = each(o.target, `${path}.target`, str).length;
  each(o.panels, `${path}.panels`, (item, p) => {
    const q = obj(item, p);
    str(q.title, `${p}.title`);
    matrix(q.matrix, `${p}.matrix`);
    const m = obj(q.matrix, `${p}.matrix`);
    if (arr(m.rowIndex, p).length !== t) fail(`${p}.matrix.z`, `${t} rows (one per target token)`, m.z);
    if (arr(m.colIndex, p).length !== s) fail(`${p}.matrix.z[0]`, `${s} columns (one per source token)`, arr(m.z, p)[0]);
  });
  int(o.columns, `${path}.columns`, 1);
  num(o.cell, `${path}.cell`);
  colorScale(o.colorScale, `${path}.colorScale`);
}

function validateGradflow(o: Obj, path: string): void {
  const models = each(o.models, `${path}.models`, str).length;
  each(o.colors, `${path}.colors`, str, models);
  axis(o.xAxis, `${path}.xAxis`);
  axis(o.yAxis, `${path}.yAxis`);
  axis(o.parameterAxis, `${path}.parameterAxis`);
  each(o.series, `${path}.series`, (item, p) => {
    const q = obj(item, p);
    str(q.model, `${p}.model`);
    oneOf(q.measure, ["loss", "jacobian"], `${p}.measure`);
    const n = each(q.steps, `${p}.steps`, (x, r) => int(x, r)).length;
    each(q.norms, `${p}.norms`, jsonNum, n);
  });
  each(o.parameters, `${path}.parameters`, (item, p) => {
    const q = obj(item, p);
    str(q.model, `${p}.model`);
    str(q.name, `${p}.name`);
    shape(q.shape, `${p}.shape`);
    jsonNum(q.norm, `${p}.norm`);
  });
}

function validateGates(o: Obj, path: string): void {
  if (!/^[a-z][a-z0-9_-]{0,31}$/.test(str(o.cell, `${path}.cell`))) fail(`${path}.cell`, "a cell name in lower case (lstm, gru, ...)", o.cell);
  const t = each(o.tokens, `${path}.tokens`, str).length;
  each(o.gates, `${path}.gates`, (item, p) => {
    const q = obj(item, p);
    str(q.role, `${p}.role`);
    str(q.label, `${p}.label`);
    matrix(q.matrix, `${p}.matrix`);
    colorScale(q.colorScale, `${p}.colorScale`);
    const m = obj(q.matrix, `${p}.matrix`);
    if (arr(m.colIndex, p).length !== t) fail(`${p}.matrix.colIndex`, `${t} columns (one per token)`, m.colIndex);
  });
}

function validateSpectrum(o: Obj, path: string): void {
  nullableStr(o.name, `${path}.name`);
  const n = int(o.size, `${path}.size`);
  each(o.eigenvalues, `${path}.eigenvalues`, (item, p) => {
    const q = obj(item, p);
    num(q.re, `${p}.re`);
    num(q.im, `${p}.im`);
  }, n);
  num(o.spectralRadius, `${path}.spectralRadius`);
  axis(o.xAxis, `${path}.xAxis`);
  axis(o.yAxis, `${path}.yAxis`);
}

function validatePlot(o: Obj, path: string): void {
  const type = oneOf(o.type, ["line", "scatter", "heatmap", "bar"], `${path}.type`);
  str(o.xLabel, `${path}.xLabel`);
  str(o.yLabel, `${path}.yLabel`);
  if (type === "line" || type === "scatter") {
    axis(o.xAxis, `${path}.xAxis`);
    axis(o.yAxis, `${path}.yAxis`);
    each(o.series, `${path}.series`, (item, p) => {
      const q = obj(item, p);
      str(q.name, `${p}.name`);
      str(q.color, `${p}.color`);
      const n = each(q.x, `${p}.x`, num).length;
      each(q.y, `${p}.y`, jsonNum, n);
    });
  }
  if (type === "heatmap") {
    matrix(o.matrix, `${path}.matrix`);
    colorScale(o.colorScale, `${path}.colorScale`);
    const m = obj(o.matrix, `${path}.matrix`);
    if (o.xTicks !== null) each(o.xTicks, `${path}.xTicks`, str, arr(m.colIndex, path).length);
    if (o.yTicks !== null) each(o.yTicks, `${path}.yTicks`, str, arr(m.rowIndex, path).length);
  }
  if (type === "bar") {
    const n = each(o.categories, `${path}.categories`, str).length;
    axis(o.yAxis, `${path}.yAxis`);
    each(o.series, `${path}.series`, (item, p) => {
      const q = obj(item, p);
      str(q.name, `${p}.name`);
      str(q.color, `${p}.color`);
      each(q.values, `${p}.values`, jsonNum, n);
    });
  }
}

export const VALIDATORS: Record<PayloadKind, (o: Obj, path: string) => void> = {
  tensor: validateTensor,
  graph: validateGraph,
  unrolled: validateUnrolled,
  curves: validateCurves,
  attention: validateAttention,
  gradflow: validateGradflow,
  gates: validateGates,
  spectrum: validateSpectrum,
  plot: validatePlot,
};
