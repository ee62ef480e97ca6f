import { formatShape } from "./shape";
import type { Tensor } from "./tensor";

/** Above this many elements, printing shows the first and last EDGE_ITEMS of each dim. */
export const SUMMARY_THRESHOLD = 1000;
/** Items kept at each end of a summarized dim. */
export const EDGE_ITEMS = 3;

/**
 * PyTorch-like text: `tensor([[ 0.1000, -2.0000], ...], shape=[2, 2], dtype=float32, grad_fn=<MulBackward>)`.
 * Large tensors are summarized with `...`.
 */
export function formatTensor(t: Tensor): string {
  const summarize = t.numel > SUMMARY_THRESHOLD;
  const fmt = numberFormat(t, summarize);
  const body = formatDim(t, 0, 0, fmt, summarize, "tensor(".length);
  const extras = [`shape=${formatShape(t.shape)}`, `dtype=${t.dtype}`];
  if (t.gradFn !== null) extras.push(`grad_fn=<${t.gradFn.name}>`);
  else if (t.requiresGrad) extras.push("requires_grad=true");
  return `tensor(${body}, ${extras.join(", ")})`;
}

function numberFormat(t: Tensor, summarize: boolean): (v: number) => string {
  const values = shownValues(t, summarize);
  if (t.dtype === "int32") {
    const width = Math.max(1, ...values.map((v) => String(v).length));
    return (v) => String(v).padStart(width);
  }
  const finite = values.filter((v) => Number.isFinite(v));
  const maxAbs = Math.max(0, ...finite.map(Math.abs));
  const minAbs = Math.min(...finite.filter((v) => v !== 0).map(Math.abs));
  const scientific = maxAbs >= 1e8 || (finite.length > 0 && minAbs < 1e-4 && minAbs !== Infinity);
  const one = (v: number): string => {
    if (Number.isNaN(v)) return "nan";
    if (!Number.isFinite(v)) return v > 0 ? "inf" : "-inf";
    return scientific ? v.toExponential(4) : v.toFixed(4);
  };
  const width = Math.max(1, ...values.map((v) => one(v).length));
  return (v) => one(v).padStart(width);
}

function shownValues(t: Tensor, summarize: boolean): number[] {
  if (!summarize) return Array.from(t.data);
  const out: number[] = [];
  const n = t.numel;
  for (let i = 0; i < Math.min(n, 200); i++) out.push(t.data[i] as number);
  for (let i = Math.max(0, n - 200); i < n; i++) out.push(t.data[i] as number);
  return out;
}

function formatDim(t: Tensor, dim: number, offset: number, fmt: (v: number) => string, summarize: boolean, indent: number): string {
  if (t.ndim === 0) return fmt(t.data[0] as number).trim();
  const size = t.shape[dim] ?? 0;
  let stride = 1;
  for (let d = dim + 1; d < t.ndim; d++) stride *= t.shape[d] ?? 1;
  const indices = summarize && size > 2 * EDGE_ITEMS
    ? [...range(0, EDGE_ITEMS), -1, ...range(size - EDGE_ITEMS, size)]
    : range(0, size);
  if (dim === t.ndim - 1) {
    const items = indices.map((i) => (i < 0 ? "..." : fmt(t.data[offset + i] as number)));
    return `[${items.join(", ")}]`;
  }
  const pad = " ".repeat(indent + dim + 1);
  const sep = `,${"\n".repeat(t.ndim - dim - 1)}${pad}`;
  const items = indices.map((i) => (i < 0 ? "..." : formatDim(t, dim + 1, offset + i * stride, fmt, summarize, indent)));
  return `[${items.join(sep)}]`;
}

function range(lo: number, hi: number): number[] {
  return Array.from({ length: Math.max(0, hi - lo) }, (_, i) => lo + i);
}
