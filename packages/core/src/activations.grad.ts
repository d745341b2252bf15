import { ArgumentError, checkShape } from "./errors.js";
import { erf, silu, type Activation, type SwiGLUWeights } from "./activations.js";
import { linear } from "./linear.js";
import { linearBackward } from "./linear.grad.js";
import { add, mul } from "./ops.js";
import { Tensor, asTensor, type TensorLike } from "./tensor.js";

// Derivatives of the activations at x, each next to its formula; the backward passes are dx = f′(x) ⊙ dy.

/** relu′(x) = 1 if x > 0 else 0 (torch: relu′(0) = 0). */
const reluPrime = (x: number): number => (x > 0 ? 1 : 0);

/** σ(x) without overflow (as the forward). */
function sigma(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}
/** sigmoid′(x) = σ(x)(1 − σ(x)). */
const sigmoidPrime = (x: number): number => {
  const s = sigma(x);
  return s * (1 - s);
};
/** silu′(x) = σ(x)(1 + x(1 − σ(x))). */
const siluPrime = (x: number): number => {
  const s = sigma(x);
  return s * (1 + x * (1 - s));
};
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
/** gelu′(x) = Φ(x) + x φ(x), Φ(x) = ½(1 + erf(x/√2)), φ(x) = e^(−x²/2)/√(2π). */
const geluPrime = (x: number): number => 0.5 * (1 + erf(x * Math.SQRT1_2)) + x * INV_SQRT_2PI * Math.exp(-0.5 * x * x);
const BETA = Math.sqrt(2 / Math.PI);
/** gelu_tanh′(x) = ½(1 + t) + ½ x (1 − t²) β (1 + 3·0.044715 x²), t = tanh(β(x + 0.044715 x³)), β = √(2/π). */
const geluTanhPrime = (x: number): number => {
  const t = Math.tanh(BETA * (x + 0.044715 * x * x * x));
  return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * BETA * (1 + 3 * 0.044715 * x * x);
};

const PRIME: Record<Activation, (x: number) => number> = {
  relu: reluPrime,
  gelu: geluPrime,
  gelu_tanh: geluTanhPrime,
  silu: siluPrime,
  sigmoid: sigmoidPrime,
};

/** Reverse mode of y = act(x) elementwise: dx = act′(x) ⊙ dy. x, dy same shape. */
export function activationBackward(x: TensorLike, dy: TensorLike, activation: Activation): Tensor {
  const prime = PRIME[activation];
  if (!prime) throw new ArgumentError("activationBackward", "activation", `must be one of ${Object.keys(PRIME).join(", ")}, got ${String(activation)}`);
  const X = asTensor(x);
  const dY = asTensor(dy);
  checkShape("activationBackward", "dy", dY.shape, X.shape);
  const dx = Tensor.zeros(X.shape);
  for (let i = 0; i < X.size; i++) dx.data[i] = prime(X.data[i]) * dY.data[i];
  return dx;
}

/** relu: dx = 1[x > 0] ⊙ dy. */
export const reluBackward = (x: TensorLike, dy: TensorLike): Tensor => activationBackward(x, dy, "relu");
/** gelu (exact): dx = (Φ(x) + x φ(x)) ⊙ dy. */
export const geluBackward = (x: TensorLike, dy: TensorLike): Tensor => activationBackward(x, dy, "gelu");
/** gelu_tanh: dx = (½(1 + t) + ½ x (1 − t²) β (1 + 0.134145 x²)) ⊙ dy. */
export const geluTanhBackward = (x: TensorLike, dy: TensorLike): Tensor => activationBackward(x, dy, "gelu_tanh");
/** silu: dx = σ(x)(1 + x(1 − σ(x))) ⊙ dy. */
export const siluBackward = (x: TensorLike, dy: TensorLike): Tensor => activationBackward(x, dy, "silu");
/** sigmoid: dx = σ(x)(1 − σ(x)) ⊙ dy. */
export const sigmoidBackward = (x: TensorLike, dy: TensorLike): Tensor => activationBackward(x, dy, "sigmoid");

export interface SwiGLUUpstream {
  /** ∂L/∂output (…, d_out) */
  output?: TensorLike;
  /** ∂L/∂hidden, hidden = silu(x W1) ⊙ (x W3) (…, h) */
  hidden?: TensorLike;
  /** ∂L/∂gate, gate = silu(x W1) (…, h) */
  gate?: TensorLike;
  /** ∂L/∂up, up = x W3 (…, h) */
  up?: TensorLike;
}

/**
 * Reverse mode of SwiGLU y = (silu(a) ⊙ u) W2 with a = x W1, u = x W3 (no biases):
 *   dh = dy W2ᵀ,  dW2 = hᵀ dy
 *   d(silu a) = dh ⊙ u,  du = dh ⊙ silu(a),  da = d(silu a) ⊙ silu′(a)
 *   dx = da W1ᵀ + du W3ᵀ,  dW1 = xᵀ da,  dW3 = xᵀ du
 * Upstream may also reach the intermediates (hidden h, gate silu(a), up u). x (…, d).
 */
export function swigluBackward(
  x: TensorLike,
  weights: SwiGLUWeights,
  upstream: SwiGLUUpstream,
): { dx: Tensor; grads: { W1: Tensor; W3: Tensor; W2: Tensor } } {
  const X = asTensor(x);
  const a = linear(X, weights.W1); // (…, h)
  const u = linear(X, weights.W3); // (…, h)
  const s = silu(a);
  const h = mul(s, u);
  const W2 = asTensor(weights.W2);
  let dh = Tensor.zeros(h.shape);
  let dW2 = Tensor.zeros(W2.shape);
  if (upstream.output !== undefined) ({ dx: dh, dW: dW2 } = linearBackward(h, W2, upstream.output));
  if (upstream.hidden !== undefined) dh = add(dh, upstream.hidden);
  let dS = mul(dh, u);
  let dU = mul(dh, s);
  if (upstream.gate !== undefined) dS = add(dS, upstream.gate);
  if (upstream.up !== undefined) dU = add(dU, upstream.up);
  const dA = siluBackward(a, dS);
  const g1 = linearBackward(X, weights.W1, dA);
  const g3 = linearBackward(X, weights.W3, dU);
  return { dx: add(g1.dx, g3.dx), grads: { W1: g1.dW, W3: g3.dW, W2: dW2 } };
}
