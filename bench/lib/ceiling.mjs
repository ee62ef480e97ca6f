// The WebAssembly SIMD128 ceiling of one core, measured: a loop of 12 independent f32x4
// multiply-add chains with no loads (fused, relaxed SIMD's f32x4.relaxed_madd, where the engine
// validates it; else a multiply and an add), so nothing but the vector units limits it. 12 chains
// cover the latency of a multiply-add (about 4 cycles) at two per cycle. GFLOP/s counts 8 per
// vector multiply-add. The loop is AssemblyScript, compiled here by the compiler the build uses.
import asc from "assemblyscript/asc";

const SOURCE = (fused) => `
// @ts-ignore: decorator
@inline function madd(a: v128, b: v128, c: v128): v128 {
  return ${fused ? "f32x4.relaxed_madd(a, b, c)" : "f32x4.add(f32x4.mul(a, b), c)"};
}
export function chains(iterations: i32, scale: f32): f32 {
  const u = f32x4.splat(scale);
  const w = f32x4.splat(0.001);
  let x0 = f32x4.splat(1), x1 = f32x4.splat(2), x2 = f32x4.splat(3), x3 = f32x4.splat(4);
  let x4 = f32x4.splat(5), x5 = f32x4.splat(6), x6 = f32x4.splat(7), x7 = f32x4.splat(8);
  let x8 = f32x4.splat(9), x9 = f32x4.splat(10), x10 = f32x4.splat(11), x11 = f32x4.splat(12);
  for (let i = 0; i < iterations; i++) {
    x0 = madd(x0, u, w); x1 = madd(x1, u, w); x2 = madd(x2, u, w); x3 = madd(x3, u, w);
    x4 = madd(x4, u, w); x5 = madd(x5, u, w); x6 = madd(x6, u, w); x7 = madd(x7, u, w);
    x8 = madd(x8, u, w); x9 = madd(x9, u, w); x10 = madd(x10, u, w); x11 = madd(x11, u, w);
  }
  const s = f32x4.add(f32x4.add(f32x4.add(x0, x1), f32x4.add(x2, x3)), f32x4.add(f32x4.add(x4, x5), f32x4.add(x6, x7)));
  const t = f32x4.add(f32x4.add(s, f32x4.add(x8, x9)), f32x4.add(x10, x11));
  return f32x4.extract_lane(t, 0);
}
`;

async function compile(fused) {
  const outputs = {};
  const args = ["ceiling.ts", "--outFile", "ceiling.wasm", "--runtime", "stub", "--optimizeLevel", "3", "--noAssert", "--enable", "simd"];
  if (fused) args.push("--enable", "relaxed-simd");
  const result = await asc.main(args, {
    readFile: (name) => (name === "ceiling.ts" ? SOURCE(fused) : null),
    writeFile: (name, contents) => {
      outputs[name] = contents;
    },
    listFiles: () => [],
  });
  if (result.error) throw new Error(`ceiling: compilation failed: ${result.error.message}`);
  return outputs["ceiling.wasm"];
}

/**
 * { gflops, fused }: the best of `samples` runs of at least `minMs` each of the chains loop, in
 * GFLOP/s (what the core can do: other processes only ever slow a run down), and whether it used
 * the fused multiply-add (relaxed SIMD must be on in this process for that: loading seqgrad turns
 * it on where the engine has it).
 */
export async function simdCeiling(samples = 7, minMs = 40) {
  let wasm = await compile(true);
  let fused = WebAssembly.validate(wasm);
  if (!fused) wasm = await compile(false);
  const { chains } = new WebAssembly.Instance(new WebAssembly.Module(wasm), { env: { abort() {} } }).exports;
  chains(100000, 0.999);
  const rates = [];
  for (let s = 0; s < samples; s++) {
    let iterations = 1 << 16;
    for (;;) {
      const t0 = performance.now();
      chains(iterations, 0.999);
      const ms = performance.now() - t0;
      if (ms >= minMs) {
        rates.push((iterations * 12 * 8) / ms / 1e6);
        break;
      }
      iterations *= ms < minMs / 8 ? 8 : 2;
    }
  }
  return { gflops: Math.max(...rates), fused };
}
