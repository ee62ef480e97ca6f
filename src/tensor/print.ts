import { formatShape } from "./shape";
import type { Tensor } from "./tensor";

/** Above this many elements, printing shows the first and last EDGE_ITEMS of each dim. */
export const SUMMARY_THRESHOLD = 1000;
/** Items kept at each end of a summarized dim. */
export const EDGE_ITEMS = 3;
/** Rows of numbers wrap to stay within this many characters (PyTorch's `linewidth`). */
export const LINE_WIDTH = 80;
/** Digits after the point (PyTorch's `precision`). */
export const PRECISION = 4;

/**
 * PyTorch-like text, with the shape and dtype always shown:
 *
 *   tensor([[ 0.1000, -2.0000],
 *           [ 3.0000,  4.0000]], shape=[2, 2], dtype=float32, grad_fn=<MulBackward>)
 *
 * Numbers follow PyTorch's rules: whole floats print as `2.`, scientific notation when the
 * largest and smallest non-zero magnitudes differ by more than 1000x (or leave [1e-4, 1e8)),
 * otherwise 4 decimals; one common width; rows wrap at 80 columns. Tensors of more than 1000
 * elements show 3 items at each end of every dim, with `...` between.
 */
export function formatTensor(t: Tensor): string {
  const summarize = t.numel > SUMMARY_THRESHOLD;
  const fmt = numberFormat(t, shownValues(t, summarize));
  const indent = "tensor(".length;
  const body = t.ndim === 0 ? fmt(t.data[0] as number) : formatDim(t, 0, 0, fmt, summarize, indent);
  const extras = [`shape=${formatShape(t.shape)}`, `dtype=${t.dtype}`];
  if (t.gradFn !== null) extras.push(`grad_fn=<${t.gradFn.name}>`);
  else if (t.requiresGrad) extras.push("requires_grad=true");
  return `tensor(${body}, ${extras.join(", ")})`;
}

/** A formatter giving every shown value the same width. */
function numberFormat(t: Tensor, values: number[]): (v: number) => string {
  const one = t.dtype === "int32" ? String : floatFormat(values);
  const width = Math.max(1, ...values.map((v) => one(v).length));
  return (v) => one(v).padStart(width);
}

/** PyTorch's `_Formatter` choice between `2.`, `2.0000` and `2.0000e+00` for float values. */
function floatFormat(values: number[]): (v: number) => string {
  const finite = values.filter((v) => Number.isFinite(v));
  const magnitudes = finite.filter((v) => v !== 0).map(Math.abs);
  const wholes = finite.every((v) => Number.isInteger(v));
  let scientific = false;
  if (magnitudes.length > 0) {
    const hi = Math.max(...magnitudes);
    const lo = Math.min(...magnitudes);
    scientific = hi / lo > 1000 || hi > 1e8 || (!wholes && lo < 1e-4);
  }
  return (v) => {
    if (Number.isNaN(v)) return "nan";
    if (!Number.isFinite(v)) return v > 0 ? "inf" : "-inf";
    if (scientific) return exponential(v);
    return wholes ? `${v.toFixed(0)}.` : v.toFixed(PRECISION);
  };
}

/** `1.0000e-05` as Python prints it (two exponent digits at least). */
function exponential(v: number): string {
  const [mantissa, exponent = "+0"] = v.toExponential(PRECISION).split("e");
  const sign = exponent.startsWith("-") ? "-" : "+";
  return `${mantissa}e${sign}${exponent.replace(/^[-+]/, "").padStart(2, "0")}`;
}

/** The values that will be printed (the edges of every dim when summarizing). */
function shownValues(t: Tensor, summarize: boolean): number[] {
  const out: number[] = [];
  const visit = (dim: number, offset: number): void => {
    if (dim >= t.ndim) {
      if (offset < t.numel) out.push(t.data[offset] as number);
      return;
    }
    const stride = strideOf(t, dim);
    for (const i of shownIndices(t.shape[dim] ?? 0, summarize)) if (i >= 0) visit(dim + 1, offset + i * stride);
  };
  visit(0, 0);
  return out;
}

function formatDim(t: Tensor, dim: number, offset: number, fmt: (v: number) => string, summarize: boolean, indent: number): string {
  const indices = shownIndices(t.shape[dim] ?? 0, summarize);
  if (dim === t.ndim - 1) return formatRow(indices.map((i) => (i < 0 ? " ..." : fmt(t.data[offset + i] as number))), indent, fmt(0).length);
  const stride = strideOf(t, dim);
  const sep = `,${"\n".repeat(t.ndim - dim - 1)}${" ".repeat(indent + 1)}`;
  const items = indices.map((i) => (i < 0 ? "..." : formatDim(t, dim + 1, offset + i * stride, fmt, summarize, indent + 1)));
  return `[${items.join(sep)}]`;
}

/** One innermost row, wrapped so that no line passes LINE_WIDTH (PyTorch's `_vector_str`). */
function formatRow(items: string[], indent: number, width: number): string {
  const perLine = Math.max(1, Math.floor((LINE_WIDTH - indent) / (width + 2)));
  const lines: string[] = [];
  for (let i = 0; i < items.length; i += perLine) lines.push(items.slice(i, i + perLine).join(", "));
  return `[${lines.join(`,\n${" ".repeat(indent + 1)}`)}]`;
}

/** Indices printed along a dim of `size`, with -1 standing for the `...` of a summarized dim. */
function shownIndices(size: number, summarize: boolean): number[] {
  if (summarize && size > 2 * EDGE_ITEMS) {
    return [...range(0, EDGE_ITEMS), -1, ...range(size - EDGE_ITEMS, size)];
  }
  return range(0, size);
}

function strideOf(t: Tensor, dim: number): number {
  let stride = 1;
  for (let d = dim + 1; d < t.ndim; d++) stride *= t.shape[d] ?? 1;
  return stride;
}

function range(lo: number, hi: number): number[] {
  return Array.from({ length: Math.max(0, hi - lo) }, (_, i) => lo + i);
}
