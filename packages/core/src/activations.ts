import { wasmKernels } from "./backend.js";
import { ArgumentError, checkShape } from "./errors.js";
import { matmul } from "./matmul.js";
import { Tensor, asTensor, type TensorLike } from "./tensor.js";
import { geluTanhWasm } from "./wasm/norms.js";

/** Elementwise nonlinearities by name; variants are a union, chosen where a layer is configured. */
export type Activation = "relu" | "gelu" | "gelu_tanh" | "silu" | "sigmoid";

// W. J. Cody, "Rational Chebyshev approximations for the error function", Math. Comp. 23 (1969), as in SPECFUN
// CALERF: relative error below 1e-16 on each of the three intervals |x| ≤ 0.46875, ≤ 4, > 4.
const ERF_A = [3.1611237438705656, 113.86415415105016, 377.48523768530202, 3209.3775891384695, 0.18577770618460315];
const ERF_B = [23.601290952344121, 244.02463793444417, 1282.6165260773723, 2844.2368334391706];
const ERF_C = [
  0.56418849698867009, 8.8831497943883759, 66.119190637141630, 298.63513819740013, 881.95222124176909,
  1712.0476126340706, 2051.0783778260715, 1230.3393547979973, 2.1531153547440385e-8,
];
const ERF_D = [
  15.744926110709835, 117.69395089131250, 537.18110186200986, 1621.3895745666902, 3290.7992357334596,
  4362.6190901432472, 3439.3676741437216, 1230.3393548037494,
];
const ERF_P = [
  0.30532663496123234, 0.36034489994980444, 0.12578172611122925, 0.016083785148742277, 6.5874916152983780e-4,
  0.016315387137302098,
];
const ERF_Q = [2.5685201922898224, 1.8729528499234605, 0.52790510295142841, 0.060518341312441319, 0.0023352049762686918];
const SQRT_1_PI = 0.56418958354775628;

/** erfc(y) for y > 0.46875 (Cody's second and third intervals), with the exp(−y²) factor split to avoid error. */
function erfcPositive(y: number): number {
  let r: number;
  if (y <= 4) {
    let num = ERF_C[8] * y;
    let den = y;
    for (let i = 0; i < 7; i++) {
      num = (num + ERF_C[i]) * y;
      den = (den + ERF_D[i]) * y;
    }
    r = (num + ERF_C[7]) / (den + ERF_D[7]);
  } else {
    if (y >= 26.543) return 0;
    const z = 1 / (y * y);
    let num = ERF_P[5] * z;
    let den = z;
    for (let i = 0; i < 4; i++) {
      num = (num + ERF_P[i]) * z;
      den = (den + ERF_Q[i]) * z;
    }
    r = (z * (num + ERF_P[4])) / (den + ERF_Q[4]);
    r = (SQRT_1_PI - r) / y;
  }
  const ysq = Math.trunc(y * 16) / 16;
  const del = (y - ysq) * (y + ysq);
  return Math.exp(-ysq * ysq) * Math.exp(-del) * r;
}

/** The error function $\operatorname{erf}(x) = \frac{2}{\sqrt{\pi}} \int_0^x e^{-t^2}\, dt$, to ≤ 1e-15 relative (Cody's rational approximations). */
export function erf(x: number): number {
  const y = Math.abs(x);
  if (y <= 0.46875) {
    const z = y > 1.11e-16 ? y * y : 0;
    let num = ERF_A[4] * z;
    let den = z;
    for (let i = 0; i < 3; i++) {
      num = (num + ERF_A[i]) * z;
      den = (den + ERF_B[i]) * z;
    }
    return (x * (num + ERF_A[3])) / (den + ERF_B[3]);
  }
  if (y !== y) return NaN;
  const r = 0.5 - erfcPositive(y) + 0.5;
  return x < 0 ? -r : r;
}

function unary(x: TensorLike, f: (v: number) => number): Tensor {
  const t = asTensor(x);
  const out = Tensor.zeros(t.shape, t.dtype);
  const s = t.data;
  const d = out.data;
  for (let i = 0; i < s.length; i++) d[i] = f(s[i]);
  return out;
}

/** $\operatorname{relu}(x) = \max(0, x)$; NaN stays NaN. */
export function relu(x: TensorLike): Tensor {
  return unary(x, (v) => (v > 0 ? v : v === v ? 0 : NaN));
}

const SQRT1_2 = Math.SQRT1_2;
/** $\operatorname{gelu}(x) = x\, \Phi(x) = \frac{x}{2} \big(1 + \operatorname{erf}(x / \sqrt{2})\big)$, the exact form (torch `F.gelu` default, BERT). gelu(−∞) = NaN as torch. */
export function gelu(x: TensorLike): Tensor {
  return unary(x, geluScalar);
}
function geluScalar(v: number): number {
  return v * 0.5 * (1 + erf(v * SQRT1_2));
}

const GELU_TANH_BETA = Math.SQRT2 * (2 / Math.sqrt(Math.PI)) * 0.5; // √(2/π)
/** $\operatorname{gelu_{tanh}}(x) = \frac{x}{2} \big(1 + \tanh(\sqrt{2/\pi}\, (x + 0.044715\, x^3))\big)$ (torch `approximate="tanh"`, GPT-2 `gelu_new`). */
export function geluTanh(x: TensorLike): Tensor {
  const t = asTensor(x);
  const wasm = t.data instanceof Float64Array ? wasmKernels() : undefined;
  if (wasm) {
    const out = Tensor.zeros(t.shape);
    if (geluTanhWasm(wasm, t.data as Float64Array, out.data as Float64Array)) return out;
  }
  return unary(t, geluTanhScalar);
}
function geluTanhScalar(v: number): number {
  return 0.5 * v * (1 + Math.tanh(GELU_TANH_BETA * (v + 0.044715 * v * v * v)));
}

/**
 * $\sigma(x) = 1 / (1 + e^{-x})$, evaluated as e^x / (1 + e^x) for x < 0 so that neither branch overflows
 * (sigmoid(−50) ≈ 1.9e-22 keeps full relative precision).
 */
export function sigmoid(x: TensorLike): Tensor {
  return unary(x, sigmoidScalar);
}
function sigmoidScalar(v: number): number {
  if (v >= 0) return 1 / (1 + Math.exp(-v));
  const e = Math.exp(v);
  return e / (1 + e);
}

/** $\operatorname{silu}(x) = \operatorname{swish}(x) = x\, \sigma(x)$. silu(−∞) = NaN as torch (−∞ · 0). */
export function silu(x: TensorLike): Tensor {
  return unary(x, siluScalar);
}
function siluScalar(v: number): number {
  return v * sigmoidScalar(v);
}

const SCALAR: Record<Activation, (v: number) => number> = {
  relu: (v) => (v > 0 ? v : v === v ? 0 : NaN),
  gelu: geluScalar,
  gelu_tanh: geluTanhScalar,
  silu: siluScalar,
  sigmoid: sigmoidScalar,
};

/** Throws ArgumentError (argument `arg` of `fn`) unless `activation` names one of the activations above. */
export function checkActivation(fn: string, arg: string, activation: unknown): asserts activation is Activation {
  if (typeof activation !== "string" || !Object.hasOwn(SCALAR, activation)) {
    throw new ArgumentError(fn, arg, `must be one of ${Object.keys(SCALAR).join(", ")}, got ${String(activation)}`);
  }
}

/** Apply the named activation elementwise. */
export function activate(x: TensorLike, activation: Activation): Tensor {
  checkActivation("activate", "activation", activation);
  return activation === "gelu_tanh" ? geluTanh(x) : unary(x, SCALAR[activation]);
}

export interface SwiGLUWeights {
  /** Gate projection (d_model, hidden). */
  W1: TensorLike;
  /** Up projection (d_model, hidden). */
  W3: TensorLike;
  /** Down projection (hidden, d_model_out). */
  W2: TensorLike;
}

/**
 * SwiGLU feed-forward (LLaMA): $y = (\operatorname{silu}(x W_1) \odot x W_3)\, W_2$, no biases.
 * x (…, d), W1 and W3 (d, h), W2 (h, d_out) → (…, d_out).
 */
export function swiglu(x: TensorLike, weights: SwiGLUWeights): Tensor {
  return swigluWithHidden(x, weights).output;
}

/** `swiglu` that also returns the gated hidden silu(x W1) ⊙ (x W3), (…, h) (what `feedForward` reports). */
export function swigluWithHidden(x: TensorLike, weights: SwiGLUWeights): { output: Tensor; hidden: Tensor } {
  const fn = "swiglu";
  const X = asTensor(x);
  const W1 = asTensor(weights.W1);
  const W3 = asTensor(weights.W3);
  const W2 = asTensor(weights.W2);
  const dims = checkShape(fn, "x", X.shape, ["...", "d"]);
  checkShape(fn, "W1", W1.shape, ["d", "h"], dims);
  checkShape(fn, "W3", W3.shape, ["d", "h"], dims);
  checkShape(fn, "W2", W2.shape, ["h", "d_out"], dims);
  const hidden = matmul(X, W1); // (…, h) gate, then gate ⊙ up in place
  const up = matmul(X, W3); // (…, h)
  const g = hidden.data;
  const u = up.data;
  for (let i = 0; i < g.length; i++) g[i] = siluScalar(g[i]) * u[i];
  return { output: matmul(hidden, W2), hidden }; // (…, d_out)
}
