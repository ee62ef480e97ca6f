import type { Point } from "../payloads";

/**
 * The three corners of an arrow head 8 px long at the end of a polyline, along its last segment:
 * the tip, then the two barbs, each `spread` radians off the segment.
 */
export function arrowHead(points: readonly Point[], spread: number): Point[] {
  const last = points[points.length - 1];
  const prev = points[points.length - 2];
  if (last === undefined || prev === undefined) return [];
  const a = Math.atan2(last.y - prev.y, last.x - prev.x);
  const corner = (da: number): Point => ({ x: last.x - 8 * Math.cos(a + da), y: last.y - 8 * Math.sin(a + da) });
  return [{ x: last.x, y: last.y }, corner(spread), corner(-spread)];
}
