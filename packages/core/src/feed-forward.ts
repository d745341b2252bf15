import { activate, silu, type Activation } from "./activations.js";
import { ArgumentError, checkShape } from "./errors.js";
import { linear } from "./linear.js";
import { mul } from "./ops.js";
import { asTensor, type Tensor, type TensorLike } from "./tensor.js";

/** Two-layer MLP weights, (in, out) layout: W1 (d, d_ff), W2 (d_ff, d_out), optional biases. */
export interface DenseFeedForwardWeights {
  W1: TensorLike;
  b1?: TensorLike;
  W2: TensorLike;
  b2?: TensorLike;
}
/** Gated (SwiGLU) weights: gate W1 and up W3 (d, h), down W2 (h, d_out), no biases. */
export interface GatedFeedForwardWeights {
  W1: TensorLike;
  W3: TensorLike;
  W2: TensorLike;
}
export type FeedForwardWeights = DenseFeedForwardWeights | GatedFeedForwardWeights;
export type FeedForwardActivation = Activation | "swiglu";
const ACTIVATIONS: readonly string[] = ["relu", "gelu", "gelu_tanh", "silu", "sigmoid"] satisfies Activation[];

/**
 * Position-wise feed-forward network, applied to every position independently:
 *   relu/gelu/gelu_tanh/silu/sigmoid: hidden = act(x W1 + b1), output = hidden W2 + b2
 *   swiglu:              hidden = silu(x W1) ⊙ (x W3), output = hidden W2
 * x (…, d) → output (…, d_out), hidden (…, d_ff).
 */
export function feedForward(
  x: TensorLike,
  weights: FeedForwardWeights,
  activation: FeedForwardActivation,
): { output: Tensor; hidden: Tensor } {
  const fn = "feedForward";
  const gated = "W3" in weights && weights.W3 !== undefined;
  if (activation === "swiglu") {
    if (!gated) throw new ArgumentError(fn, "weights", `must include W3 for activation "swiglu"`);
  } else if (gated) {
    throw new ArgumentError(fn, "weights", `has W3, which is only used with activation "swiglu", got "${activation}"`);
  } else if (!ACTIVATIONS.includes(activation)) {
    throw new ArgumentError(fn, "activation", `must be one of ${ACTIVATIONS.join(", ")} or swiglu, got ${String(activation)}`);
  }
  const X = asTensor(x);
  const W1 = asTensor(weights.W1);
  const W2 = asTensor(weights.W2);
  const dims = checkShape(fn, "x", X.shape, ["...", "d"]);
  checkShape(fn, "W1", W1.shape, ["d", "d_ff"], dims);
  if (activation === "swiglu") {
    const W3 = asTensor((weights as GatedFeedForwardWeights).W3);
    checkShape(fn, "W3", W3.shape, ["d", "d_ff"], dims);
    checkShape(fn, "W2", W2.shape, ["d_ff", "d_out"], dims);
    const hidden = mul(silu(linear(X, W1)), linear(X, W3));
    return { output: linear(hidden, W2), hidden };
  }
  checkShape(fn, "W2", W2.shape, ["d_ff", "d_out"], dims);
  const w = weights as DenseFeedForwardWeights;
  if (w.b1 !== undefined) checkShape(fn, "b1", asTensor(w.b1).shape, [dims.d_ff]);
  if (w.b2 !== undefined) checkShape(fn, "b2", asTensor(w.b2).shape, [dims.d_out]);
  const hidden = activate(linear(X, W1, w.b1), activation);
  return { output: linear(hidden, W2, w.b2), hidden };
}
