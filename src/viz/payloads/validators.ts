/**
 * The rules of each payload kind that relate one field to another (ids that edges point at, series
 * as long as their x values, one label per token), checked after its schema. Each throws a
 * `PayloadError` naming the path of the first bad field.
 */
import type { PayloadKind } from "./mime";
import type { PayloadByKind } from "./plots";
import { fail, idSet, length, ref } from "./checks";

type Rules = { [K in PayloadKind]: (p: PayloadByKind[K], path: string) => void };

export const CONSISTENCY: Rules = {
  tensor(p, path) {
    const v = p.view;
    if (v.type === "bars") length(v.index, v.values.length, `${path}.view.index`);
    if (v.type === "slices") {
      length(v.labels, v.slices.length, `${path}.view.labels`);
      length(v.grids, v.slices.length, `${path}.view.grids`);
      length(v.frame.panels, v.slices.length, `${path}.view.frame.panels`, `${v.slices.length} boxes (one per slice)`);
    }
    if (v.type === "heatmap") length(v.frame.panels, 1, `${path}.view.frame.panels`, "1 box");
  },
  graph(p, path) {
    const ids = idSet(p.nodes, `${path}.nodes`);
    p.edges.forEach((e, i) => {
      ref(e.source, ids, `${path}.edges[${i}].source`);
      ref(e.target, ids, `${path}.edges[${i}].target`);
    });
  },
  unrolled(p, path) {
    length(p.columns, p.steps.length, `${path}.columns`);
    length(p.stepLabels, p.steps.length, `${path}.stepLabels`);
    const rows = idSet(p.rows, `${path}.rows`);
    const cells = idSet(p.cells, `${path}.cells`);
    p.cells.forEach((c, i) => ref(c.row, rows, `${path}.cells[${i}].row`));
    p.edges.forEach((e, i) => {
      ref(e.source, cells, `${path}.edges[${i}].source`);
      ref(e.target, cells, `${path}.edges[${i}].target`);
    });
  },
  curves(p, path) {
    const panels = idSet(p.panels, `${path}.panels`);
    p.series.forEach((s, i) => {
      const at = `${path}.series[${i}]`;
      ref(s.panel, panels, `${at}.panel`);
      length(s.y, s.x.length, `${at}.y`);
      if (s.smoothed !== null) length(s.smoothed, s.x.length, `${at}.smoothed`);
    });
    // a panel's legend names each of its series
    p.panels.forEach((q, i) => {
      const n = p.series.filter((s) => s.panel === q.id).length;
      if (q.layout.legend !== null) length(q.layout.legend.rows, n, `${path}.panels[${i}].layout.legend.rows`, `${n} rows (one per series of the panel)`);
    });
  },
  attention(p, path) {
    p.panels.forEach((panel, i) => {
      const m = panel.matrix;
      if (m.rowIndex.length !== p.target.length) fail(`${path}.panels[${i}].matrix.z`, `${p.target.length} rows (one per target token)`, m.z);
      if (m.colIndex.length !== p.source.length) fail(`${path}.panels[${i}].matrix.z[0]`, `${p.source.length} columns (one per source token)`, m.z[0]);
    });
    length(p.frame.panels, p.panels.length, `${path}.frame.panels`, `${p.panels.length} boxes (one per panel)`);
  },
  gradflow(p, path) {
    length(p.colors, p.models.length, `${path}.colors`);
    p.series.forEach((s, i) => length(s.norms, s.steps.length, `${path}.series[${i}].norms`));
    const legend = p.parameterPanel.legendBox;
    if (legend !== null) length(legend.rows, p.parameterPanel.legend.length, `${path}.parameterPanel.legendBox.rows`, `${p.parameterPanel.legend.length} rows (one per legend entry)`);
  },
  gates(p, path) {
    p.gates.forEach((g, i) => length(g.matrix.colIndex, p.tokens.length, `${path}.gates[${i}].matrix.colIndex`, `${p.tokens.length} columns (one per token)`));
    length(p.frame.panels, p.gates.length, `${path}.frame.panels`, `${p.gates.length} boxes (one per gate)`);
  },
  spectrum(p, path) {
    length(p.eigenvalues, p.size, `${path}.eigenvalues`);
    if (p.layout.legend !== null) length(p.layout.legend.rows, p.legend.length, `${path}.layout.legend.rows`, `${p.legend.length} rows (one per legend entry)`);
    if (p.grid === null) return;
    const g = p.grid;
    g.panels.forEach((q, i) => {
      length(q.eigenvalues, q.size, `${path}.grid.panels[${i}].eigenvalues`);
      if (q.layout.legend !== null) fail(`${path}.grid.panels[${i}].layout.legend`, "null (the grid shares one legend)", q.layout.legend);
    });
    // the grid's box holds its rows of cells
    const rows = Math.ceil(g.panels.length / Math.max(1, g.columns));
    const box = { width: Math.min(g.columns, g.panels.length) * g.panelWidth, height: rows * g.panelHeight };
    if (Math.abs(p.layout.plot.width - box.width) > 0.01 || Math.abs(p.layout.plot.height - box.height) > 0.01) fail(`${path}.layout.plot`, `${box.width} x ${box.height} (${rows} rows of ${g.columns} cells of ${g.panelWidth} x ${g.panelHeight})`, p.layout.plot);
  },
  plot(p, path) {
    if (p.type === "line" || p.type === "scatter") {
      p.series.forEach((s, i) => length(s.y, s.x.length, `${path}.series[${i}].y`));
      if (p.layout.legend !== null) length(p.layout.legend.rows, p.series.length, `${path}.layout.legend.rows`, `${p.series.length} rows (one per series)`);
    }
    if (p.type === "heatmap") {
      if (p.xTicks !== null) length(p.xTicks, p.matrix.colIndex.length, `${path}.xTicks`);
      if (p.yTicks !== null) length(p.yTicks, p.matrix.rowIndex.length, `${path}.yTicks`);
    }
    if (p.type === "bar") {
      p.series.forEach((s, i) => length(s.values, p.categories.length, `${path}.series[${i}].values`));
      if (p.layout.legend !== null) length(p.layout.legend.rows, p.series.length, `${path}.layout.legend.rows`, `${p.series.length} rows (one per series)`);
      // the plotted area holds a band per category
      if (Math.abs(p.layout.plot.width - p.band * p.categories.length) > 0.01) fail(`${path}.layout.plot.width`, `${p.band * p.categories.length} (band ${p.band} x ${p.categories.length} categories)`, p.layout.plot.width);
    }
  },
  image(p, path) {
    if (!(p.range[0] < p.range[1])) fail(`${path}.range`, "lo < hi", p.range);
  },
};
