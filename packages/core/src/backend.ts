import { ArgumentError } from "./errors.js";
import { loadWasm, type WasmKernels } from "./wasm/instance.js";

/**
 * Which implementation runs the hot loops (matmul, the fused attention kernel, softmax, LayerNorm/RMSNorm):
 * `js`, the readable reference (the default), or `wasm`, WebAssembly SIMD kernels compiled from wasm/kernels.ts.
 * Results agree to ~1e-15 relative in float64 (bitwise for matmul where the engine has no relaxed SIMD); float32
 * matmuls run in float32 arithmetic on `wasm`, in float64 rounded once on `js`.
 */
export type Backend = "js" | "wasm";

let active: Backend = "js";
let kernels: WasmKernels | undefined;
let warned = false;

/**
 * Load the WebAssembly kernels (once) and make `wasm` the active backend. Resolves to the backend in use: `js` if
 * this engine lacks WebAssembly SIMD (or may not compile WebAssembly), which is said once on the console. Needs no
 * special HTTP headers (no cross-origin isolation: single-threaded, no SharedArrayBuffer).
 */
export async function init(): Promise<Backend> {
  try {
    kernels ??= await loadWasm(true);
  } catch (e) {
    // e.g. a Content-Security-Policy without 'wasm-unsafe-eval' forbids compiling.
    return unavailable(`WebAssembly could not be compiled here (${(e as Error).message})`);
  }
  if (!kernels) return unavailable("this engine has no WebAssembly SIMD");
  active = "wasm";
  return active;
}

/**
 * Switch backends. `wasm` before `init()` compiles the kernels synchronously (fine in Node; browsers may refuse
 * a synchronous compile on the main thread, so await `init()` there). Returns the backend now active.
 */
export function setBackend(backend: Backend): Backend {
  if (backend !== "js" && backend !== "wasm") {
    throw new ArgumentError("setBackend", "backend", `must be "js" or "wasm", got ${JSON.stringify(backend)}`);
  }
  if (backend === "wasm") {
    kernels ??= loadWasmSync();
    if (!kernels) return unavailable("this engine has no WebAssembly SIMD");
  }
  active = backend;
  return active;
}

export function getBackend(): Backend {
  return active;
}

/** The loaded kernels when `wasm` is active (internal: the dispatch at the top of each hot entry point). */
export function wasmKernels(): WasmKernels | undefined {
  return active === "wasm" ? kernels : undefined;
}

function loadWasmSync(): WasmKernels | undefined {
  try {
    return loadWasm(false);
  } catch (e) {
    throw new ArgumentError("setBackend", "backend", `"wasm" could not be compiled synchronously here (${(e as Error).message}); await init() instead`);
  }
}

function unavailable(reason: string): Backend {
  if (!warned) {
    warned = true;
    console.warn(`@qkv/core: ${reason}; using the JS kernels`);
  }
  active = "js";
  return active;
}

/** Weight tensors a next-token function multiplies by, declared by the model that built it (internal). */
const declared = new WeakMap<object, readonly unknown[]>();
let pinning = false;

/** Declare `weights` as what `next` multiplies by, for `withResidentWeights` (internal: model constructors). */
export function declareWeights<F extends object>(next: F, weights: readonly unknown[]): F {
  declared.set(next, weights);
  return next;
}

/**
 * Run `run` (a decoding loop over `next`) with the float64 weights declared for `next` held in WebAssembly memory,
 * so thin products read them in place instead of copying them in per token. Sound because nothing but core's own
 * code runs inside the loop (the weights cannot change during it) and they are released when it ends: a weight
 * mutated between two calls is copied afresh by the next one. A no-op on `js`, or if they do not fit.
 */
export function withResidentWeights<T>(next: object, run: () => T): T {
  const w = wasmKernels();
  const weights = declared.get(next);
  if (!w || !weights || pinning) return run();
  const arrays = weights.flatMap((t) => ((t as { data?: unknown }).data instanceof Float64Array ? [(t as { data: Float64Array }).data] : []));
  if (!w.pin(arrays)) return run();
  pinning = true;
  try {
    return run();
  } finally {
    w.release();
    pinning = false;
  }
}
