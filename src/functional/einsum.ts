import { ShapeError, ValueError } from "../errors";
import { matmul } from "../ops/matmul";
import { mul } from "../ops/mul";
import { permute } from "../ops/permute";
import { reshape } from "../ops/reshape";
import { sum } from "../ops/sum";
import { allocate } from "../tensor/dtype";
import { formatShape } from "../tensor/shape";
import { Tensor } from "../tensor/tensor";

/**
 * Einstein summation (PyTorch's `torch.einsum`): each operand's dims are named by letters;
 * letters missing from the output are summed over, the rest are arranged as the output says.
 *
 *   einsum("ij,jk->ik", a, b) = a @ b,   einsum("bhqd,bhkd->bhqk", q, k) = attention scores,
 *   einsum("ii->i", a) = the diagonal,   einsum("...ij->...ji", a) = a batched transpose
 *
 * Without "->" the output holds the letters used once, alphabetically (after "..." dims).
 * "..." stands for leading dims that broadcast. Two operands run as one batched matmul; otherwise
 * the operands are broadcast to all letters, multiplied and summed. Differentiable (composite).
 *
 * @example einsum("bij,bjk->bik", a, b)
 */
export function einsum(equation: string, ...operands: Tensor[]): Tensor {
  const { inputs, output } = parse(equation, operands);
  const sizes = new Map<string, number>();
  const xs = operands.map((x, i) => diagonals(x, inputs[i] as string[], sizes, equation));
  const labels = xs.map((x) => x.labels);
  for (const l of output) {
    if (!sizes.has(l)) throw new ValueError(`einsum: output letter ${l} appears in no operand of "${equation}"`);
  }
  if (xs.length === 2) {
    const [a, b] = xs as [Labeled, Labeled];
    if (sameSizes(a, b)) return pairByMatmul(a, b, output, sizes);
  }
  const contracted = [...new Set(labels.flat())].filter((l) => !output.includes(l));
  const order = [...output, ...contracted];
  let product: Tensor | null = null;
  for (const x of xs) {
    const aligned = align(x, order);
    product = product === null ? aligned : mul(product, aligned);
  }
  const result = product as Tensor;
  const full = contracted.length === 0 ? result : sum(result, contracted.map((_, k) => output.length + k));
  return full.shape.length === output.length ? full : reshape(full, output.map((l) => sizes.get(l) ?? 1));
}

interface Labeled {
  tensor: Tensor;
  labels: string[];
}

/** Operand labels and output labels; "..." becomes digit labels, right-aligned across operands. */
function parse(equation: string, operands: readonly Tensor[]): { inputs: string[][]; output: string[] } {
  const [lhs, rhs] = equation.replace(/\s+/g, "").split("->") as [string, string | undefined];
  const terms = lhs.split(",");
  if (terms.length !== operands.length) {
    throw new ValueError(`einsum: "${equation}" names ${terms.length} operands; got ${operands.length} tensors`);
  }
  let ellipsis = 0;
  const inputs = terms.map((term, i) => {
    const x = operands[i] as Tensor;
    const letters = term.replace("...", "");
    if (!/^[a-zA-Z]*$/.test(letters) || term.split("...").length > 2) {
      throw new ValueError(`einsum: operand ${i} "${term}" must be letters with at most one "..."; equation "${equation}"`);
    }
    const extra = x.ndim - letters.length;
    if (extra < 0 || (extra > 0 && !term.includes("..."))) {
      throw new ShapeError(`einsum: operand ${i} "${term}" names ${letters.length} dims; got a tensor ${formatShape(x.shape)}`);
    }
    ellipsis = Math.max(ellipsis, extra);
    return term.includes("...") ? { term, extra } : { term, extra: 0 };
  }).map(({ term, extra }) => {
    const dots = Array.from({ length: extra }, (_, k) => String(ellipsis - extra + k));
    const [before, after] = term.split("...") as [string, string | undefined];
    return [...before, ...dots, ...(after ?? "")];
  });
  const dotsAll = Array.from({ length: ellipsis }, (_, k) => String(k));
  if (rhs === undefined) {
    const counts = new Map<string, number>();
    for (const l of inputs.flat()) counts.set(l, (counts.get(l) ?? 0) + 1);
    const once = [...counts].filter(([l, c]) => c === 1 && /[a-zA-Z]/.test(l)).map(([l]) => l).sort();
    return { inputs, output: [...dotsAll, ...once] };
  }
  if (!/^[a-zA-Z]*(\.\.\.)?[a-zA-Z]*$/.test(rhs)) throw new ValueError(`einsum: output "${rhs}" must be letters with at most one "..."`);
  const [before, after] = rhs.split("...") as [string, string | undefined];
  const output = rhs.includes("...") ? [...before, ...dotsAll, ...(after ?? "")] : [...rhs];
  if (new Set(output).size !== output.length) throw new ValueError(`einsum: output "${rhs}" repeats a letter`);
  return { inputs, output };
}

/** Takes the diagonal of each repeated letter and records every letter's size. */
function diagonals(x: Tensor, labels: string[], sizes: Map<string, number>, equation: string): Labeled {
  let t = x;
  const ls = [...labels];
  for (let b = 0; b < ls.length; b++) {
    const a = ls.indexOf(ls[b] as string);
    if (a === b) continue;
    const n = t.shape[a] ?? 1;
    if (t.shape[b] !== n) throw new ShapeError(`einsum: letter ${ls[a]} repeats with sizes ${n} and ${t.shape[b]} in "${equation}"`);
    t = sum(mul(t, eyeAlong(t.ndim, a, b, n, t.dtype)), b);
    ls.splice(b, 1);
    b--;
  }
  ls.forEach((l, d) => {
    const s = t.shape[d] ?? 1;
    const known = sizes.get(l);
    if (known !== undefined && known !== s && known !== 1 && s !== 1) {
      throw new ShapeError(`einsum: letter ${/\d/.test(l) ? "of ..." : l} has size ${known} in one operand and ${s} in another; equation "${equation}"`);
    }
    sizes.set(l, known === undefined || known === 1 ? s : known);
  });
  return { tensor: t, labels: ls };
}

/** An identity of shape 1 everywhere except n at dims a and b. */
function eyeAlong(ndim: number, a: number, b: number, n: number, dtype: Tensor["dtype"]): Tensor {
  const data = allocate(dtype, n * n);
  for (let i = 0; i < n; i++) data[i * n + i] = 1;
  const shape = new Array<number>(ndim).fill(1);
  shape[a] = n;
  shape[b] = n;
  return new Tensor(data, shape);
}

/** x permuted to the letters of `order` it has, with size-1 dims for the others. */
function align(x: Labeled, order: readonly string[]): Tensor {
  const present = order.filter((l) => x.labels.includes(l));
  const t = permute(x.tensor, present.map((l) => x.labels.indexOf(l)));
  return reshape(t, order.map((l) => (x.labels.includes(l) ? (t.shape[present.indexOf(l)] ?? 1) : 1)));
}

function sameSizes(a: Labeled, b: Labeled): boolean {
  return a.labels.every((l, d) => !b.labels.includes(l) || b.tensor.shape[b.labels.indexOf(l)] === a.tensor.shape[d]);
}

/** Two operands as [batch, left, k] @ [batch, k, right], then arranged as the output says. */
function pairByMatmul(a: Labeled, b: Labeled, output: readonly string[], sizes: Map<string, number>): Tensor {
  const sumAway = (x: Labeled, other: Labeled): Labeled => {
    const gone = x.labels.filter((l) => !output.includes(l) && !other.labels.includes(l));
    if (gone.length === 0) return x;
    return { tensor: sum(x.tensor, gone.map((l) => x.labels.indexOf(l))), labels: x.labels.filter((l) => !gone.includes(l)) };
  };
  const A = sumAway(a, b);
  const B = sumAway(b, a);
  const batch = A.labels.filter((l) => B.labels.includes(l) && output.includes(l));
  const inner = A.labels.filter((l) => B.labels.includes(l) && !output.includes(l));
  const left = A.labels.filter((l) => !B.labels.includes(l));
  const right = B.labels.filter((l) => !A.labels.includes(l));
  const size = (ls: readonly string[]): number => ls.reduce((p, l) => p * (sizes.get(l) ?? 1), 1);
  const a3 = reshape(permute(A.tensor, [...batch, ...left, ...inner].map((l) => A.labels.indexOf(l))), [size(batch), size(left), size(inner)]);
  const b3 = reshape(permute(B.tensor, [...batch, ...inner, ...right].map((l) => B.labels.indexOf(l))), [size(batch), size(inner), size(right)]);
  const got = [...batch, ...left, ...right];
  const out = reshape(matmul(a3, b3), got.map((l) => sizes.get(l) ?? 1));
  return permute(out, output.map((l) => got.indexOf(l)));
}
