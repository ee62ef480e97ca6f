/**
 * Horizontal placement of the layered layout. With time steps, every step gets a column band, in
 * time order from left to right, with the nodes made before the steps on their left and those made
 * after on their right; other rows centre their nodes under (or over) their neighbours. Neighbours
 * in a row keep at least `SPACING.node` between them.
 */
import { SPACING, type WorkEdge, type WorkNode } from "./types";

/** Sets `x` and `band` of every node, given the nodes of each row. */
export function placeColumns(nodes: WorkNode[], edges: readonly WorkEdge[], rows: readonly number[][]): void {
  const neighbours = nodes.map((): number[] => []);
  const leaves = new Set(nodes.map((_, i) => i));
  for (const e of edges) leaves.delete(e.t);
  for (const e of edges) {
    neighbours[e.s]?.push(e.t);
    neighbours[e.t]?.push(e.s);
  }
  const banded = assignBands(nodes, edges, rows);
  const fixed = new Set(rows.map((row, r) => (row.some((i) => (nodes[i]?.band ?? -1) >= 0) ? r : -1)).filter((r) => r >= 0));
  if (banded) placeBands(nodes, rows, fixed);
  for (const [r, row] of rows.entries()) if (!fixed.has(r)) packRow(nodes, row, row.map((_, k) => k * 10), leaves);
  const rank = (i: number): number => nodes[i]?.rank ?? 0;
  const center = (i: number): number => (nodes[i]?.x ?? 0) + (nodes[i]?.w ?? 0) / 2;
  for (let pass = 0; pass < 4; pass++) {
    const order = rows.map((_, r) => r);
    if (pass % 2 === 1) order.reverse();
    for (const r of order) {
      if (fixed.has(r)) continue;
      const row = rows[r] ?? [];
      const desired = row.map((i) => {
        // a leaf (parameter, constant) follows its consumer, never the other way round: a chain
        // of ops with a constant beside each would otherwise drift sideways row after row
        const linked = neighbours[i] ?? [];
        const all = linked.some((j) => !leaves.has(j)) ? linked.filter((j) => !leaves.has(j)) : linked;
        const before = all.filter((j) => (pass % 2 === 0 ? rank(j) < r : rank(j) > r));
        const used = before.length > 0 ? before : all.filter((j) => rank(j) !== r);
        return used.length === 0 ? center(i) : used.reduce((sum, j) => sum + center(j), 0) / used.length;
      });
      packRow(nodes, row, desired, leaves);
    }
  }
  const left = Math.min(...nodes.map((n) => n.x));
  for (const n of nodes) n.x += SPACING.margin - left;
}

/**
 * Bands of the rows that hold stepped nodes: step k in band 1 + k (in time order), the other nodes
 * of such a row in band 0 when they feed a step, else in the last band. Returns whether any.
 */
function assignBands(nodes: WorkNode[], edges: readonly WorkEdge[], rows: readonly number[][]): boolean {
  const steps = [...new Set(nodes.map((n) => n.step).filter((s): s is number => s !== null))].sort((a, b) => a - b);
  if (steps.length === 0) return false;
  const bandOf = new Map(steps.map((s, k) => [s, 1 + k]));
  const feedsStep = new Set(edges.filter((e) => nodes[e.t]?.step !== null).map((e) => e.s));
  for (const row of rows) {
    if (!row.some((i) => nodes[i]?.step !== null)) continue;
    for (const i of row) {
      const n = nodes[i] as WorkNode;
      n.band = n.step !== null ? bandOf.get(n.step) ?? 0 : feedsStep.has(i) ? 0 : steps.length + 1;
    }
  }
  return true;
}

/** Lays the banded rows out: each band as wide as its widest row, bands side by side, rows centred. */
function placeBands(nodes: WorkNode[], rows: readonly number[][], fixed: ReadonlySet<number>): void {
  const widths = new Map<number, number>();
  const members = (row: readonly number[], band: number): WorkNode[] => row.map((i) => nodes[i] as WorkNode).filter((n) => n.band === band);
  const rowWidth = (list: readonly WorkNode[]): number => list.reduce((sum, n) => sum + n.w, 0) + SPACING.node * Math.max(0, list.length - 1);
  for (const r of fixed) {
    const bands = new Set((rows[r] ?? []).map((i) => nodes[i]?.band ?? 0));
    for (const b of bands) widths.set(b, Math.max(widths.get(b) ?? 0, rowWidth(members(rows[r] ?? [], b))));
  }
  const lefts = new Map<number, number>();
  let x = 0;
  for (const b of [...widths.keys()].sort((a, c) => a - c)) {
    lefts.set(b, x);
    x += (widths.get(b) ?? 0) + SPACING.band;
  }
  for (const r of fixed) {
    for (const [b, left] of lefts) {
      const list = members(rows[r] ?? [], b);
      let at = left + ((widths.get(b) ?? 0) - rowWidth(list)) / 2;
      for (const n of list) {
        n.x = at;
        at += n.w + SPACING.node;
      }
    }
  }
}

/**
 * Places a row's nodes as near their desired centres as the spacing allows, in the order of those
 * centres: blocks of touching nodes sit where their members' mean desire puts them (pool adjacent
 * violators, as in isotonic regression), weighted so that leaves move before ops.
 */
function packRow(nodes: WorkNode[], row: readonly number[], desired: readonly number[], leaves: ReadonlySet<number>): void {
  // leaves give way: an op keeps its place and a constant beside it moves
  const items = row.map((i, k) => ({ node: nodes[i] as WorkNode, want: (desired[k] ?? 0) - (nodes[i]?.w ?? 0) / 2, weight: leaves.has(i) ? 0.01 : 1 })).sort((a, b) => a.want - b.want);
  interface Block { items: typeof items; left: number; width: number; offsets: number[] }
  const blocks: Block[] = [];
  for (const item of items) {
    let block: Block = { items: [item], left: item.want, width: item.node.w, offsets: [0] };
    for (let prev = blocks[blocks.length - 1]; prev !== undefined && prev.left + prev.width + SPACING.node > block.left; prev = blocks[blocks.length - 1]) {
      blocks.pop();
      const shift = prev.width + SPACING.node;
      const merged = { items: [...prev.items, ...block.items], offsets: [...prev.offsets, ...block.offsets.map((o) => o + shift)], width: shift + block.width, left: 0 };
      const weight = merged.items.reduce((sum, it) => sum + it.weight, 0);
      merged.left = merged.items.reduce((sum, it, k) => sum + it.weight * (it.want - (merged.offsets[k] ?? 0)), 0) / weight;
      block = merged;
    }
    blocks.push(block);
  }
  for (const b of blocks) b.items.forEach((it, k) => (it.node.x = b.left + (b.offsets[k] ?? 0)));
}
