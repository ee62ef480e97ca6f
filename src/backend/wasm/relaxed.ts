import { envVar, nodeBuiltin } from "../../runtime/node-builtin";

/**
 * Relaxed SIMD for the GEMM micro-kernel: `f32x4.relaxed_madd`, one fused multiply-add
 * instruction (a b + c, rounded once) where the CPU has FMA, instead of a multiply and an add.
 * It doubles the arithmetic per instruction of the kernel's inner loop (about 40 -> 53 GFLOP/s on
 * one core at 256x256x256; see bench/RESULTS.md).
 *
 * Relaxed SIMD is part of WebAssembly 3.0 and on by default in V8 from Node 22 and Chrome 114.
 * Node 20 (V8 11.3) implements it behind the V8 flag `--experimental-wasm-relaxed-simd`. When the
 * engine does not validate the relaxed-SIMD module and this is Node, seqgrad sets that flag
 * (`node:v8` setFlagsFromString) before compiling its kernels; the flag only decides whether
 * modules using the relaxed instructions validate. `SEQGRAD_FMA=0` in the environment keeps the
 * SIMD128 kernels (multiply, then add) everywhere.
 */
export function relaxedSimdAllowed(validate: () => boolean): boolean {
  if (fmaDisabled()) return false;
  if (validate()) return true;
  if (!enableInNode()) return false;
  return validate();
}

/** True when SEQGRAD_FMA=0 (or "false", "off") asks for the SIMD128 kernels only. */
export function fmaDisabled(): boolean {
  const env = envVar("SEQGRAD_FMA");
  return env !== undefined && ["0", "false", "off", "no"].includes(env.trim().toLowerCase());
}

/** Sets V8's relaxed-SIMD flag in Node; false when not in Node or the flag cannot be set. */
function enableInNode(): boolean {
  const v8 = nodeBuiltin<{ setFlagsFromString(flags: string): void }>("node:v8");
  if (v8 === undefined) return false;
  try {
    v8.setFlagsFromString("--experimental-wasm-relaxed-simd");
    return true;
  } catch {
    return false;
  }
}
