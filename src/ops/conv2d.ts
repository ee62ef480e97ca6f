import { record } from "../autograd/record";
import { checkKnownOptions } from "../known-options";
import { DTypeError, ShapeError } from "../errors";
import { getBackend } from "../backend/backend";
import { allocate, isFloating } from "../tensor/dtype";
import type { TypedArray } from "../tensor/dtype";
import { formatShape } from "../tensor/shape";
import { Tensor } from "../tensor/tensor";
import { windowPair } from "./window";
import { tensorArg, optionalTensorArg } from "./tensor-arg";

/** Stride and zero padding of `conv2d`: one number for both spatial dims, or [height, width]. */
export interface Conv2dOptions {
  /** Step of the kernel over the input (default 1). */
  stride?: number | readonly [number, number];
  /** Zeros added on every side of the input (default 0). */
  padding?: number | readonly [number, number];
}

/**
 * 2-D convolution (cross-correlation, as in PyTorch) of a batch of images:
 *
 *   out[b, o, i, j] = bias[o] + sum_{c, p, q} w[o, c, p, q] x[b, c, i s_h - p_h + p, j s_w - p_w + q]
 *
 * where
 * - x [B, C, H, W]: B images of C channels, H x W pixels;
 * - w [O, C, kH, kW]: O filters (`Conv2d.weight`), b [O] (`Conv2d.bias`) or null;
 * - s stride, p zero padding; out [B, O, (H + 2p_h - kH) / s_h + 1, (W + 2p_w - kW) / s_w + 1] (floor).
 *
 * @example conv2d(images, weight, bias, { padding: 1 }) // [8, 3, 16, 16], [6, 3, 3, 3] -> [8, 6, 16, 16]
 */
export function conv2d(x: Tensor, weight: Tensor, bias: Tensor | null = null, options: Conv2dOptions = {}): Tensor {
  tensorArg("conv2d", "x", x);
  tensorArg("conv2d", "weight", weight);
  optionalTensorArg("conv2d", "bias", bias);
  checkKnownOptions("conv2d", options, ["stride", "padding"]);
  const g = geometry(x, weight, bias, options);
  const { b: nb, o: no, oh, ow } = g;
  const k = g.c * g.kh * g.kw, l = oh * ow;
  const backend = getBackend();
  const out = allocate(x.dtype, nb * no * l);
  const cols = allocate(x.dtype, k * l);
  for (let b = 0; b < nb; b++) {
    unfold("read", x.data, b, g, cols);
    // out_b [O, L] = W [O, K] cols [K, L]
    backend.gemm(false, false, no, l, k, 1, weight.data, 0, k, cols, 0, l, 0, out, b * no * l, l);
    if (bias !== null) {
      for (let o = 0; o < no; o++) {
        const bo = bias.data[o] as number, at = (b * no + o) * l;
        for (let j = 0; j < l; j++) out[at + j] = (out[at + j] as number) + bo;
      }
    }
  }
  const inputs = bias === null ? [x, weight] : [x, weight, bias];
  const meta = { stride: `${g.sh}x${g.sw}`, padding: `${g.ph}x${g.pw}` };
  return record(new Tensor(out, [nb, no, oh, ow]), "conv2d", inputs, (grad) => {
    // dL/dW = sum_b g_b cols_b^T;  dL/dcols_b = W^T g_b, scattered back onto x (col2im);  dL/db[o] = sum g[:, o]
    const gx = allocate(x.dtype, x.numel), gw = allocate(x.dtype, weight.numel), gb = allocate(x.dtype, no);
    const dcols = allocate(x.dtype, k * l);
    for (let b = 0; b < nb; b++) {
      unfold("read", x.data, b, g, cols);
      backend.gemm(false, true, no, k, l, 1, grad.data, b * no * l, l, cols, 0, l, 1, gw, 0, k);
      backend.gemm(true, false, k, l, no, 1, weight.data, 0, k, grad.data, b * no * l, l, 0, dcols, 0, l);
      unfold("addBack", gx, b, g, dcols);
      for (let o = 0; o < no; o++) {
        const at = (b * no + o) * l;
        let acc = 0;
        for (let j = 0; j < l; j++) acc += grad.data[at + j] as number;
        gb[o] = (gb[o] as number) + acc;
      }
    }
    const grads = [new Tensor(gx, x.shape), new Tensor(gw, weight.shape)];
    return bias === null ? grads : [...grads, new Tensor(gb, [no])];
  }, meta);
}

type Geometry = ReturnType<typeof geometry>;

/**
 * The one walk over every kernel tap of image b, in both directions of the unfolding:
 *   "read":    cols[(c kH + p) kW + q][i oW + j] = x[b, c, i s_h - p_h + p, j s_w - p_w + q] (0 in the padding), im2col
 *   "addBack": x[b, c, i s_h - p_h + p, j s_w - p_w + q] += cols[...][...], its adjoint col2im (padding dropped)
 */
function unfold(direction: "read" | "addBack", image: TypedArray, b: number, g: Geometry, cols: TypedArray): void {
  const { c: nc, h: nh, w: nw, kh, kw, oh, ow, sh, sw, ph, pw } = g;
  const read = direction === "read";
  let row = 0;
  for (let c = 0; c < nc; c++) {
    const xc = (b * nc + c) * nh * nw;
    for (let p = 0; p < kh; p++) {
      for (let q = 0; q < kw; q++, row++) {
        const at = row * oh * ow;
        for (let i = 0; i < oh; i++) {
          const r = i * sh - ph + p;
          const rowInside = r >= 0 && r < nh;
          for (let j = 0; j < ow; j++) {
            const s = j * sw - pw + q;
            const inside = rowInside && s >= 0 && s < nw;
            const col = at + i * ow + j;
            if (read) cols[col] = inside ? (image[xc + r * nw + s] as number) : 0;
            else if (inside) image[xc + r * nw + s] = (image[xc + r * nw + s] as number) + (cols[col] as number);
          }
        }
      }
    }
  }
}

/** Sizes of a convolution after validating every input; names the rule and every shape on failure. */
function geometry(x: Tensor, weight: Tensor, bias: Tensor | null, options: Conv2dOptions) {
  const shapes = `x is ${formatShape(x.shape)}, weight is ${formatShape(weight.shape)}${bias === null ? "" : `, bias is ${formatShape(bias.shape)}`}`;
  if (x.ndim !== 4 || weight.ndim !== 4) throw new ShapeError(`conv2d: x must be [B, C, H, W] and weight [O, C, kH, kW]; ${shapes}`);
  for (const [name, t] of [["x", x], ["weight", weight], ["bias", bias]] as const) {
    if (t !== null && (!isFloating(t.dtype) || t.dtype !== x.dtype)) {
      throw new DTypeError(`conv2d: ${name} must be a float tensor of x's dtype; x is ${x.dtype}, ${name} is ${t.dtype}`);
    }
  }
  const [b, c, h, w] = x.shape as [number, number, number, number];
  const [o, wc, kh, kw] = weight.shape as [number, number, number, number];
  if (wc !== c) throw new ShapeError(`conv2d: weight's input channels must equal x's channels; ${shapes} (${wc} != ${c})`);
  if (bias !== null && (bias.ndim !== 1 || bias.shape[0] !== o)) throw new ShapeError(`conv2d: bias must be [O] = [${o}]; ${shapes}`);
  const [sh, sw] = windowPair("conv2d", "stride", options.stride ?? 1, 1);
  const [ph, pw] = windowPair("conv2d", "padding", options.padding ?? 0, 0);
  const oh = Math.floor((h + 2 * ph - kh) / sh) + 1, ow = Math.floor((w + 2 * pw - kw) / sw) + 1;
  if (kh > h + 2 * ph || kw > w + 2 * pw) {
    throw new ShapeError(`conv2d: the kernel ${kh}x${kw} is larger than the padded input ${h + 2 * ph}x${w + 2 * pw}; ${shapes}, padding ${ph}x${pw}`);
  }
  return { b, c, h, w, o, kh, kw, oh, ow, sh, sw, ph, pw };
}
