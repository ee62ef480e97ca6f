/**
 * Edge routing of the layered layout: orthogonal lines that never pass behind a node. An edge
 * leaves its source at the bottom, runs along a track of the channel under the source's row, goes
 * down (or up, between two time steps) through a lane left free between the nodes of the rows it
 * passes, runs along a track of the channel above the target's row and enters the target at the
 * top. Edge lines that leave one source (or enter one target) share a track, like a bus; the other
 * lines of a channel get their own tracks, and a channel grows with its track count, so a larger
 * graph is taller instead of tighter. An edge between neighbours of one row (h_{t-1} -> h_t) is a
 * straight horizontal arrow.
 */
import type { Point } from "../payloads";
import { SPACING, type WorkEdge, type WorkNode } from "./types";

/** The vertical parts of a route, before the rows get their heights. */
interface Plan {
  edge: WorkEdge;
  /** Straight arrow between row neighbours. */
  flat: boolean;
  /** Channel under the source's row (its index is the row's rank) and above the target's row. */
  exitChannel: number;
  entryChannel: number;
  /** x of the vertical lane between the two channels, when they differ. */
  lane: number | null;
  exitX: number;
  entryX: number;
}

interface Lane {
  x: number;
  from: number;
  to: number;
}

/** Routes every edge; sets the nodes' `y`; returns polylines by edge id and the drawing's height. */
export function routeEdges(nodes: WorkNode[], edges: readonly WorkEdge[], rows: readonly number[][]): { lines: Map<string, Point[]>; height: number } {
  const lanes: Lane[] = [];
  const plans = edges.map((e) => plan(nodes, e, rows, lanes));
  assignPorts(nodes, plans);
  const tracks = assignTracks(plans);
  const rowHeight = rows.map((row) => Math.max(...row.map((i) => nodes[i]?.h ?? 0)));
  const channelTop = new Map<number, number>();
  let y = SPACING.margin;
  const channel = (c: number): void => {
    const count = tracks.counts.get(c) ?? 0;
    if (count === 0 && (c < 0 || c === rows.length - 1)) return;
    channelTop.set(c, y);
    y += Math.max(SPACING.channel, (count + 1) * SPACING.track);
  };
  channel(-1);
  rows.forEach((row, r) => {
    for (const i of row) {
      const n = nodes[i] as WorkNode;
      n.y = y + ((rowHeight[r] ?? 0) - n.h) / 2;
    }
    y += rowHeight[r] ?? 0;
    channel(r);
  });
  const trackY = (c: number, key: string): number => {
    const count = tracks.counts.get(c) ?? 0;
    const height = Math.max(SPACING.channel, (count + 1) * SPACING.track);
    const spare = (height - (count + 1) * SPACING.track) / 2;
    return (channelTop.get(c) ?? 0) + spare + ((tracks.of.get(`${c}|${key}`) ?? 0) + 1) * SPACING.track;
  };
  const lines = new Map<string, Point[]>();
  for (const p of plans) lines.set(p.edge.id, polyline(p, nodes, trackY, tracks));
  return { lines, height: y + SPACING.margin };
}

function plan(nodes: WorkNode[], edge: WorkEdge, rows: readonly number[][], lanes: Lane[]): Plan {
  const s = nodes[edge.s] as WorkNode;
  const t = nodes[edge.t] as WorkNode;
  const exitX = s.x + s.w / 2;
  const base = { edge, flat: false, exitChannel: s.rank, entryChannel: t.rank - 1, lane: null, exitX, entryX: t.x + t.w / 2 };
  if (s.rank === t.rank && t.x > s.x && neighbours(nodes, rows[s.rank] ?? [], s, t)) return { ...base, flat: true };
  if (t.rank === s.rank + 1) return base;
  // down past rows s.rank+1 .. t.rank-1, or up past rows t.rank .. s.rank (between two steps)
  const [first, last] = t.rank > s.rank ? [s.rank + 1, t.rank - 1] : [t.rank, s.rank];
  const want = t.rank > s.rank ? (exitX + base.entryX) / 2 : t.x - SPACING.band / 2;
  const x = freeLane(nodes, rows, first, last, want, lanes);
  lanes.push({ x, from: Math.min(s.rank, t.rank - 1), to: Math.max(s.rank, t.rank - 1) });
  return { ...base, lane: x };
}

/** Whether `a` and `b` are next to each other in their row (nothing between them). */
function neighbours(nodes: WorkNode[], row: readonly number[], a: WorkNode, b: WorkNode): boolean {
  return !row.some((i) => {
    const n = nodes[i] as WorkNode;
    return n !== a && n !== b && n.x > a.x && n.x < b.x;
  });
}

/** The x nearest `want` where a vertical line passes rows `first..last` clear of nodes and lanes. */
function freeLane(nodes: WorkNode[], rows: readonly number[][], first: number, last: number, want: number, lanes: readonly Lane[]): number {
  const blocked: Array<[number, number]> = [];
  for (let r = first; r <= last; r++) {
    for (const i of rows[r] ?? []) {
      const n = nodes[i] as WorkNode;
      blocked.push([n.x - SPACING.clear, n.x + n.w + SPACING.clear]);
    }
  }
  for (const l of lanes) if (l.from <= last && l.to >= first - 1) blocked.push([l.x - SPACING.track + 0.5, l.x + SPACING.track - 0.5]);
  blocked.sort((a, b) => a[0] - b[0]);
  const free = (x: number): boolean => !blocked.some(([a, b]) => x > a && x < b);
  if (free(want)) return want;
  let best = Number.NaN;
  for (const [a, b] of blocked) {
    for (const x of [a, b]) {
      if (free(x) && (Number.isNaN(best) || Math.abs(x - want) < Math.abs(best - want))) best = x;
    }
  }
  return Number.isNaN(best) ? want : best;
}

/** Spreads the entries into a target along its top, in the order the lines arrive from. */
function assignPorts(nodes: WorkNode[], plans: Plan[]): void {
  const into = new Map<number, Plan[]>();
  for (const p of plans) if (!p.flat) into.set(p.edge.t, [...(into.get(p.edge.t) ?? []), p]);
  for (const [t, list] of into) {
    const n = nodes[t] as WorkNode;
    list.sort((a, b) => (a.lane ?? a.exitX) - (b.lane ?? b.exitX));
    const width = Math.min(n.w - 16, 14 * (list.length - 1));
    list.forEach((p, k) => (p.entryX = n.x + n.w / 2 + (list.length === 1 ? 0 : -width / 2 + (width * k) / (list.length - 1))));
  }
}

/** Horizontal runs per channel, grouped into buses, and a track number per bus. */
function assignTracks(plans: readonly Plan[]): { of: Map<string, number>; counts: Map<number, number>; keys: Map<Plan, [string, string]> } {
  const runs = new Map<number, Map<string, [number, number]>>();
  const fanOut = new Map<string, number>();
  const fanIn = new Map<string, number>();
  for (const p of plans) {
    if (p.flat) continue;
    fanOut.set(`${p.exitChannel}|${p.edge.s}`, (fanOut.get(`${p.exitChannel}|${p.edge.s}`) ?? 0) + 1);
    fanIn.set(`${p.entryChannel}|${p.edge.t}`, (fanIn.get(`${p.entryChannel}|${p.edge.t}`) ?? 0) + 1);
  }
  const keys = new Map<Plan, [string, string]>();
  const add = (c: number, key: string, a: number, b: number): void => {
    const channel = runs.get(c) ?? new Map<string, [number, number]>();
    const old = channel.get(key);
    channel.set(key, old === undefined ? [Math.min(a, b), Math.max(a, b)] : [Math.min(old[0], a, b), Math.max(old[1], a, b)]);
    runs.set(c, channel);
  };
  for (const p of plans) {
    if (p.flat) continue;
    const out = (fanOut.get(`${p.exitChannel}|${p.edge.s}`) ?? 0) > 1 ? `s${p.edge.s}` : `e${p.edge.id}`;
    const inn = (fanIn.get(`${p.entryChannel}|${p.edge.t}`) ?? 0) > 1 ? `t${p.edge.t}` : `e${p.edge.id}`;
    if (p.lane === null) {
      // one run: a bus of the source if it fans out, else of the target
      const key = out.startsWith("s") ? out : inn;
      keys.set(p, [key, key]);
      add(p.exitChannel, key, p.exitX, p.entryX);
    } else {
      keys.set(p, [out, inn]);
      add(p.exitChannel, out, p.exitX, p.lane);
      add(p.entryChannel, inn, p.lane, p.entryX);
    }
  }
  const of = new Map<string, number>();
  const counts = new Map<number, number>();
  for (const [c, channel] of runs) {
    const ends: number[] = [];
    const sorted = [...channel.entries()].filter(([, [a, b]]) => b - a > 0.5).sort((x, y) => x[1][0] - y[1][0]);
    for (const [key, [a, b]] of sorted) {
      let k = ends.findIndex((end) => end + SPACING.track < a);
      if (k < 0) k = ends.push(b) - 1;
      else ends[k] = b;
      of.set(`${c}|${key}`, k);
    }
    counts.set(c, ends.length);
  }
  return { of, counts, keys };
}

function polyline(p: Plan, nodes: readonly WorkNode[], trackY: (c: number, key: string) => number, tracks: ReturnType<typeof assignTracks>): Point[] {
  const s = nodes[p.edge.s] as WorkNode;
  const t = nodes[p.edge.t] as WorkNode;
  if (p.flat) {
    // the middle of the band the two boxes share
    const mid = (Math.max(s.y, t.y) + Math.min(s.y + s.h, t.y + t.h)) / 2;
    return [{ x: s.x + s.w, y: mid }, { x: t.x, y: mid }];
  }
  const [outKey, inKey] = tracks.keys.get(p) ?? ["", ""];
  const start = { x: p.exitX, y: s.y + s.h };
  const end = { x: p.entryX, y: t.y };
  if (p.lane === null) {
    if (Math.abs(p.exitX - p.entryX) < 0.5) return [start, { x: p.exitX, y: end.y }];
    const y = trackY(p.exitChannel, outKey);
    return [start, { x: p.exitX, y }, { x: p.entryX, y }, end];
  }
  const y1 = trackY(p.exitChannel, outKey);
  const y2 = trackY(p.entryChannel, inKey);
  return simplify([start, { x: p.exitX, y: y1 }, { x: p.lane, y: y1 }, { x: p.lane, y: y2 }, { x: p.entryX, y: y2 }, end]);
}

/** Drops repeated points and the middle one of three in a line. */
function simplify(points: Point[]): Point[] {
  const out: Point[] = [];
  for (const q of points) {
    const last = out[out.length - 1];
    if (last !== undefined && Math.abs(last.x - q.x) < 0.01 && Math.abs(last.y - q.y) < 0.01) continue;
    const before = out[out.length - 2];
    if (last !== undefined && before !== undefined && ((Math.abs(before.x - last.x) < 0.01 && Math.abs(last.x - q.x) < 0.01) || (Math.abs(before.y - last.y) < 0.01 && Math.abs(last.y - q.y) < 0.01))) out.pop();
    out.push(q);
  }
  return out;
}
