// Column sums of an f32 matrix in linear memory, accumulated in f64 (the bias gradients of the
// fused recurrent backward and of Linear: db_j = sum_r dG[r, j]). Pointers are byte offsets.

/**
 * sums[j] += sum_{r < rows} x[r * ldx + j] for j < cols, in f64 (`sums` is f64 [cols]).
 * Eight columns at a time in four f64x2 registers, walking down a block of rows, so each sum
 * stays in a register over the block and the rows are added to it in order: the same rounding
 * as the scalar loop sums[j] = sums[j] + x[r, j].
 */
export function colSum(rows: i32, cols: i32, x: usize, ldx: i32, sums: usize): void {
  // blocks of ROWS rows (a few hundred KiB), so the column walks stay in the L2 cache
  for (let r0 = 0; r0 < rows; r0 += ROWS) {
    colSumBlock(min(ROWS, rows - r0), cols, x + <usize>r0 * <usize>ldx * 4, ldx, sums);
  }
}

/** Rows per block of `colSum`. */
const ROWS: i32 = 64;

function colSumBlock(rows: i32, cols: i32, x: usize, ldx: i32, sums: usize): void {
  const ld = <usize>ldx * 4;
  let j = 0;
  for (; j + 8 <= cols; j += 8) {
    const out = sums + <usize>j * 8;
    let s0 = v128.load(out);
    let s1 = v128.load(out, 16);
    let s2 = v128.load(out, 32);
    let s3 = v128.load(out, 48);
    let p = x + <usize>j * 4;
    for (let r = 0; r < rows; r++) {
      const lo = v128.load(p);
      const hi = v128.load(p, 16);
      s0 = f64x2.add(s0, f64x2.promote_low_f32x4(lo));
      s1 = f64x2.add(s1, f64x2.promote_low_f32x4(i32x4.shuffle(lo, lo, 2, 3, 0, 1)));
      s2 = f64x2.add(s2, f64x2.promote_low_f32x4(hi));
      s3 = f64x2.add(s3, f64x2.promote_low_f32x4(i32x4.shuffle(hi, hi, 2, 3, 0, 1)));
      p += ld;
    }
    v128.store(out, s0);
    v128.store(out, s1, 16);
    v128.store(out, s2, 32);
    v128.store(out, s3, 48);
  }
  for (; j < cols; j++) {
    let s = load<f64>(sums + <usize>j * 8);
    let p = x + <usize>j * 4;
    for (let r = 0; r < rows; r++) {
      s += <f64>load<f32>(p);
      p += ld;
    }
    store<f64>(sums + <usize>j * 8, s);
  }
}
