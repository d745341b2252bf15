// The WebAssembly module behind the `wasm` backend: choosing the build (relaxed SIMD or plain SIMD), instantiating
// it, and laying out buffers in its one linear memory. Every call copies its operands in, runs, and copies out.
import { relaxed, simd } from "./kernels-wasm.js";

/** Exports of wasm/kernels.ts; every pointer is a byte offset into `memory`. */
export interface KernelExports {
  memory: WebAssembly.Memory;
  heapBase(): number;
  packB64(b: number, K: number, N: number, transB: boolean, dst: number): void;
  gemm64(
    a: number, M: number, K: number, N: number, bp: number, ap: number, cp: number, c: number,
    bias: number, act: Act, resid: number,
  ): void;
  thinRows64(a: number, M: number, K: number, N: number, b: number, k0: number, kc: number, c: number, first: boolean): void;
  thinDots64(a: number, M: number, K: number, N: number, b: number, j0: number, nc: number, c: number): void;
  epilogueRows64(src: number, dst: number, M: number, N: number, bias: number, act: Act, resid: number): void;
  packB32(b: number, K: number, N: number, transB: boolean, dst: number): void;
  gemm32(a: number, M: number, K: number, N: number, bp: number, ap: number, cp: number, c: number): void;
  attention64(
    q: number, kT: number, v: number, L: number, S: number, dk: number, dvp: number, scale: number,
    mask: number, keyMask: number, out: number, scores: number, weights: number, tmp: number, causal: boolean,
  ): void;
  decodeAttention64(
    q: number, kT: number, v: number, S: number, dk: number, dv: number, ktPitch: number, vPitch: number, scale: number,
    out: number, tmp: number,
  ): void;
  softmax64(x: number, out: number, rows: number, n: number, temperature: number, log: boolean): void;
  layerNorm64(x: number, out: number, rows: number, d: number, eps: number, gamma: number, beta: number): void;
  rmsNorm64(x: number, out: number, rows: number, d: number, eps: number, g: number): void;
  geluTanh64(x: number, out: number, n: number): void;
  copyBlock64(src: number, srcPitch: number, dst: number, dstPitch: number, rows: number, cols: number): void;
  transposeBlock64(src: number, srcPitch: number, dst: number, dstPitch: number, rows: number, cols: number): void;
}

/** gemm64's epilogue activation (ACT_* in wasm/kernels.ts). */
export const Act = { None: 0, GeluTanh: 1 } as const;
export type Act = (typeof Act)[keyof typeof Act];

export interface WasmKernels {
  fn: KernelExports;
  /** Whether the relaxed-SIMD build was chosen. */
  relaxed: boolean;
  /**
   * Reserve consecutive 16-byte-aligned regions of the given byte sizes (growing memory if needed) and return
   * their offsets, or undefined if they do not fit in a 32-bit memory (the caller then runs its JS path).
   * Regions are reused by the next call: copy results out before reserving again.
   */
  reserve(...bytes: number[]): number[] | undefined;
  /** Views of the whole memory (taken after `reserve`, which may grow it and detach older views). */
  f64(): Float64Array;
  f32(): Float32Array;
  /**
   * Copy float64 arrays into memory ahead of the scratch regions and keep them there until `release()`; `resident`
   * then returns their offsets. Only for arrays nothing writes to until the release (see `withResidentWeights`).
   * False (nothing pinned) if they do not fit.
   */
  pin(arrays: readonly Float64Array[]): boolean;
  release(): void;
  /** Byte offset of a pinned array, or undefined. */
  resident(array: ArrayLike<number>): number | undefined;
  /** Byte offset of `array` for a kernel: its pinned copy if resident, else `scratch`, after copying it there now. */
  place(array: Float64Array, scratch: number): number;
  /**
   * While arrays are pinned: a region of `bytes` that, like them, stays put (outside the scratch regions) until
   * `release()`, e.g. a KV cache appended to across the steps of a decoding loop. Undefined when nothing is pinned
   * or it does not fit.
   */
  keep(bytes: number): number | undefined;
  /** Changes at every `pin` and `release`: a region from `keep` is valid while the epoch it was kept in lasts. */
  epoch(): number;
}

function decode(base64: string): Uint8Array<ArrayBuffer> {
  const s = atob(base64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/**
 * Instantiate the best build this engine validates, or resolve to undefined without WebAssembly SIMD. Async
 * (`WebAssembly.instantiate`) for browsers; `async: false` compiles synchronously (Node).
 */
export function loadWasm(async: true): Promise<WasmKernels | undefined>;
export function loadWasm(async: false): WasmKernels | undefined;
export function loadWasm(async: boolean): Promise<WasmKernels | undefined> | WasmKernels | undefined {
  if (typeof WebAssembly !== "object") return async ? Promise.resolve(undefined) : undefined;
  const withRelaxed = decode(relaxed);
  const useRelaxed = WebAssembly.validate(withRelaxed);
  const bytes = useRelaxed ? withRelaxed : decode(simd);
  if (!useRelaxed && !WebAssembly.validate(bytes)) return async ? Promise.resolve(undefined) : undefined;
  if (!async) return wrap(new WebAssembly.Instance(new WebAssembly.Module(bytes)), useRelaxed);
  return WebAssembly.instantiate(bytes).then((r) => wrap(r.instance, useRelaxed));
}

function wrap(instance: WebAssembly.Instance, relaxedBuild: boolean): WasmKernels {
  const fn = instance.exports as unknown as KernelExports;
  const memory = fn.memory;
  const heap = align(fn.heapBase());
  let base = heap; // scratch regions start after the pinned arrays and kept regions
  const pinned = new Map<ArrayLike<number>, number>();
  let holding = false;
  let epoch = 0;
  let f64 = new Float64Array(memory.buffer);
  let f32 = new Float32Array(memory.buffer);
  const views = () => {
    if (f64.buffer !== memory.buffer) {
      f64 = new Float64Array(memory.buffer);
      f32 = new Float32Array(memory.buffer);
    }
  };
  const kernels: WasmKernels = {
    fn,
    relaxed: relaxedBuild,
    pin(list) {
      const arrays = [...new Set(list)];
      const at = kernels.reserve(...arrays.map((x) => x.byteLength));
      if (!at) return false;
      const mem = kernels.f64();
      arrays.forEach((x, i) => {
        mem.set(x, at[i] / 8);
        pinned.set(x, at[i]);
      });
      if (arrays.length > 0) base = align(at[at.length - 1] + arrays[arrays.length - 1].byteLength);
      holding = true;
      epoch++;
      return true;
    },
    release() {
      pinned.clear();
      base = heap;
      holding = false;
      epoch++;
    },
    resident: (array) => pinned.get(array),
    place(array, scratch) {
      const at = pinned.get(array);
      if (at !== undefined) return at;
      kernels.f64().set(array, scratch / 8);
      return scratch;
    },
    keep(bytes) {
      if (!holding) return undefined;
      const at = kernels.reserve(bytes);
      if (!at) return undefined;
      base = align(at[0] + bytes);
      return at[0];
    },
    epoch: () => epoch,
    reserve(...bytes: number[]): number[] | undefined {
      const offsets: number[] = [];
      let end = base;
      for (const b of bytes) {
        offsets.push(end);
        end = align(end + b);
      }
      const missing = end - memory.buffer.byteLength;
      if (end > 2 ** 32) return undefined; // beyond a 32-bit memory
      if (missing > 0) {
        try {
          memory.grow(Math.ceil(missing / 65536));
        } catch {
          return undefined; // the engine's limit, or no memory left
        }
      }
      return offsets;
    },
    f64: () => (views(), f64),
    f32: () => (views(), f32),
  };
  return kernels;
}

/** Round up to a multiple of 16 (arithmetic, not `& ~15`: sizes may exceed 32 bits). */
function align(bytes: number): number {
  return Math.ceil(bytes / 16) * 16;
}
