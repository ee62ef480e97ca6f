import { record } from "../autograd/record";
import { checkKnownOptions } from "../known-options";
import { DTypeError, ShapeError } from "../errors";
import { allocate, isFloating } from "../tensor/dtype";
import { formatShape } from "../tensor/shape";
import { Tensor } from "../tensor/tensor";
import { windowPair } from "./window";
import { tensorArg } from "./tensor-arg";

/** Window, stride and padding of `maxPool2d`: one number for both spatial dims, or [height, width]. */
export interface MaxPool2dOptions {
  /** Step of the window (default: the kernel size, so windows do not overlap). */
  stride?: number | readonly [number, number];
  /** Implicit -Infinity added on every side (default 0; at most half the kernel size). */
  padding?: number | readonly [number, number];
}

/**
 * 2-D max pooling: the largest value of every kH x kW window of every channel,
 *
 *   out[b, c, i, j] = max_{p < kH, q < kW} x[b, c, i s_h - p_h + p, j s_w - p_w + q]
 *
 * x [B, C, H, W] -> [B, C, (H + 2p_h - kH) / s_h + 1, (W + 2p_w - kW) / s_w + 1] (floor). The
 * gradient goes to the first maximum of each window (PyTorch picks the same one).
 *
 * @example maxPool2d(features, 2) // [8, 6, 16, 16] -> [8, 6, 8, 8]
 */
export function maxPool2d(x: Tensor, kernelSize: number | readonly [number, number], options: MaxPool2dOptions = {}): Tensor {
  tensorArg("maxPool2d", "x", x);
  checkKnownOptions("maxPool2d", options, ["stride", "padding"]);
  const op = "maxPool2d";
  if (x.ndim !== 4) throw new ShapeError(`${op}: x must be [B, C, H, W]; got ${formatShape(x.shape)}`);
  if (!isFloating(x.dtype)) throw new DTypeError(`${op}: x must be a float tensor; got ${x.dtype} of shape ${formatShape(x.shape)}`);
  const [kh, kw] = windowPair(op, "kernelSize", kernelSize, 1);
  const [sh, sw] = windowPair(op, "stride", options.stride ?? kernelSize, 1);
  const [ph, pw] = windowPair(op, "padding", options.padding ?? 0, 0);
  if (2 * ph > kh || 2 * pw > kw) throw new ShapeError(`${op}: padding ${ph}x${pw} must be at most half the kernel ${kh}x${kw}; x is ${formatShape(x.shape)}`);
  const [nb, nc, h, w] = x.shape as [number, number, number, number];
  const oh = Math.floor((h + 2 * ph - kh) / sh) + 1, ow = Math.floor((w + 2 * pw - kw) / sw) + 1;
  if (oh < 1 || ow < 1) throw new ShapeError(`${op}: the window ${kh}x${kw} is larger than the padded input ${h + 2 * ph}x${w + 2 * pw}; x is ${formatShape(x.shape)}`);
  const out = allocate(x.dtype, nb * nc * oh * ow);
  const from = new Int32Array(out.length);          // flat index into x of each output's maximum
  for (let bc = 0; bc < nb * nc; bc++) {
    for (let i = 0; i < oh; i++) {
      for (let j = 0; j < ow; j++) {
        let best = -Infinity, at = -1;
        for (let p = 0; p < kh; p++) {
          const r = i * sh - ph + p;
          if (r < 0 || r >= h) continue;
          for (let q = 0; q < kw; q++) {
            const s = j * sw - pw + q;
            if (s < 0 || s >= w) continue;
            const k = (bc * h + r) * w + s;
            const v = x.data[k] as number;
            if (v > best || at < 0 || Number.isNaN(v)) { best = v; at = k; }
            if (Number.isNaN(v)) break;
          }
          if (Number.isNaN(best)) break;
        }
        const o = (bc * oh + i) * ow + j;
        out[o] = best;
        from[o] = at;
      }
    }
  }
  // dL/dx[k] += g[o] for the position k of each window's maximum
  return record(new Tensor(out, [nb, nc, oh, ow]), "max_pool2d", [x], (g) => {
    const gx = allocate(g.dtype, x.numel);
    for (let o = 0; o < from.length; o++) gx[from[o] as number] = (gx[from[o] as number] as number) + (g.data[o] as number);
    return [new Tensor(gx, x.shape)];
  }, { kernel: `${kh}x${kw}`, stride: `${sh}x${sw}` });
}
