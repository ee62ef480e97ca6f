/**
 * Layer assignment of the layered layout: a node's rank (its row, top to bottom) is the length of
 * the longest path from a source, so every edge points down. An edge between two different time
 * steps is left out of the ranking, so the same op of every step lands in the same row and the
 * steps line up side by side (the unrolled picture). A leaf (parameter, input, constant) then moves
 * down to just above its first consumer.
 */
import type { WorkEdge, WorkNode } from "./types";

/** Whether an edge joins two different time steps (h_{t-1} -> h_t). */
export function crossesSteps(a: WorkNode, b: WorkNode): boolean {
  return a.step !== null && b.step !== null && a.step !== b.step;
}

/** Sets `rank` of every node; returns the nodes of each rank in node order. */
export function assignRanks(nodes: WorkNode[], edges: readonly WorkEdge[]): number[][] {
  const preds = nodes.map((): number[] => []);
  const succs = nodes.map((): number[] => []);
  for (const e of edges) {
    const s = nodes[e.s];
    const t = nodes[e.t];
    if (s === undefined || t === undefined || e.s === e.t || crossesSteps(s, t)) continue;
    preds[e.t]?.push(e.s);
    succs[e.s]?.push(e.t);
  }
  const indegree = preds.map((p) => p.length);
  const queue = nodes.map((_, i) => i).filter((i) => indegree[i] === 0);
  for (let head = 0; head < queue.length; head++) {
    const i = queue[head] ?? 0;
    const node = nodes[i];
    if (node === undefined) continue;
    node.rank = Math.max(0, ...(preds[i] ?? []).map((p) => (nodes[p]?.rank ?? 0) + 1));
    for (const j of succs[i] ?? []) {
      indegree[j] = (indegree[j] ?? 1) - 1;
      if (indegree[j] === 0) queue.push(j);
    }
  }
  nodes.forEach((n, i) => {
    const below = succs[i] ?? [];
    if ((preds[i] ?? []).length === 0 && below.length > 0) n.rank = Math.max(0, Math.min(...below.map((j) => nodes[j]?.rank ?? 1)) - 1);
  });
  const byRank: number[][] = [];
  nodes.forEach((n, i) => {
    while (byRank.length <= n.rank) byRank.push([]);
    byRank[n.rank]?.push(i);
  });
  // a rank left empty by the leaves that moved down is dropped
  const rows = byRank.filter((row) => row.length > 0);
  rows.forEach((row, r) => row.forEach((i) => ((nodes[i] as WorkNode).rank = r)));
  return rows;
}
