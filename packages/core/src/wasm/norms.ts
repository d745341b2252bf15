import type { TensorData } from "../tensor.js";
import type { WasmKernels } from "./instance.js";

// The `wasm` backend of the row-wise normalisations and gelu_tanh: rows of n contiguous values in, the same shape
// out. Inputs are read as float64 and results written once into `out` (float32 outputs are rounded once, as in the
// JS). Each returns false (nothing done) if the data do not fit in the module's memory.

/** softmax / log-softmax over the last axis of float64 rows (src/softmax.ts). */
export function softmaxWasm(w: WasmKernels, x: Float64Array, out: Float64Array, n: number, temperature: number, log: boolean): boolean {
  const at = w.reserve(x.length * 8, x.length * 8);
  if (!at) return false;
  const [xp, yp] = at;
  const m = w.f64();
  m.set(x, xp / 8);
  w.fn.softmax64(xp, yp, x.length / n, n, temperature, log);
  out.set(m.subarray(yp / 8, yp / 8 + x.length));
  return true;
}

/** LayerNorm over the last axis (src/layer-norm.ts). */
export function layerNormWasm(w: WasmKernels, x: TensorData, out: TensorData, d: number, eps: number, gamma?: TensorData, beta?: TensorData): boolean {
  const at = w.reserve(x.length * 8, x.length * 8, gamma ? d * 8 : 0, beta ? d * 8 : 0);
  if (!at) return false;
  const [xp, yp, gp, bp] = at;
  const m = w.f64();
  m.set(x, xp / 8);
  if (gamma) m.set(gamma, gp / 8);
  if (beta) m.set(beta, bp / 8);
  w.fn.layerNorm64(xp, yp, x.length / d, d, eps, gamma ? gp : 0, beta ? bp : 0);
  out.set(m.subarray(yp / 8, yp / 8 + x.length));
  return true;
}

/** RMSNorm over the last axis (src/rms-norm.ts). */
export function rmsNormWasm(w: WasmKernels, x: TensorData, out: TensorData, d: number, eps: number, g?: TensorData): boolean {
  const at = w.reserve(x.length * 8, x.length * 8, g ? d * 8 : 0);
  if (!at) return false;
  const [xp, yp, gp] = at;
  const m = w.f64();
  m.set(x, xp / 8);
  if (g) m.set(g, gp / 8);
  w.fn.rmsNorm64(xp, yp, x.length / d, d, eps, g ? gp : 0);
  out.set(m.subarray(yp / 8, yp / 8 + x.length));
  return true;
}

/** gelu_tanh elementwise on float64 data (src/activations.ts). */
export function geluTanhWasm(w: WasmKernels, x: Float64Array, out: Float64Array): boolean {
  const at = w.reserve(x.length * 8, x.length * 8);
  if (!at) return false;
  const [xp, yp] = at;
  const m = w.f64();
  m.set(x, xp / 8);
  w.fn.geluTanh64(xp, yp, x.length);
  out.set(m.subarray(yp / 8, yp / 8 + x.length));
  return true;
}
