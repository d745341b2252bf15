import { activate, checkActivation, swigluWithHidden, type Activation, type SwiGLUWeights } from "./activations.js";
import { ArgumentError, checkShape } from "./errors.js";
import { linear } from "./linear.js";
import { asTensor, type Tensor, type TensorLike } from "./tensor.js";

/** Two-layer MLP weights, (in, out) layout: W1 (d, d_ff), W2 (d_ff, d_out), optional biases. */
export interface DenseFeedForwardWeights {
  W1: TensorLike;
  b1?: TensorLike;
  W2: TensorLike;
  b2?: TensorLike;
}

/**
 * The two feed-forward variants: a dense MLP with its activation, or the gated SwiGLU (gate W1, up W3, down W2,
 * no biases; computed by `swiglu`).
 */
export type FeedForwardWeights =
  | ({ kind: "dense"; activation: Activation } & DenseFeedForwardWeights)
  | ({ kind: "swiglu" } & SwiGLUWeights);

/**
 * Position-wise feed-forward network, applied to every position independently:
 * $$\text{dense:}\quad \text{hidden} = \operatorname{act}(x W_1 + b_1), \quad \text{output} = \text{hidden}\; W_2 + b_2$$
 * $$\text{swiglu:}\quad \text{hidden} = \operatorname{silu}(x W_1) \odot (x W_3), \quad \text{output} = \text{hidden}\; W_2$$
 *
 * x (…, d) → output (…, d_out), hidden (…, d_ff).
 */
export function feedForward(x: TensorLike, weights: FeedForwardWeights): { output: Tensor; hidden: Tensor } {
  const fn = "feedForward";
  if (weights?.kind === "swiglu") {
    const missing = (["W1", "W3", "W2"] as const).filter((k) => weights[k] === undefined || weights[k] === null);
    if (missing.length) throw new ArgumentError(fn, "weights", `is missing ${missing.join(", ")}`);
    return swigluWithHidden(x, weights);
  }
  if (weights?.kind !== "dense") {
    throw new ArgumentError(fn, "weights.kind", `must be "dense" or "swiglu", got ${JSON.stringify((weights as { kind?: unknown } | null)?.kind)}`);
  }
  const { activation } = weights;
  if ("W3" in weights && weights.W3 !== undefined) {
    throw new ArgumentError(fn, "weights", `has W3, which is only used with kind "swiglu", got kind "dense"`);
  }
  checkActivation(fn, "weights.activation", activation);
  const X = asTensor(x);
  const W1 = asTensor(weights.W1);
  const W2 = asTensor(weights.W2);
  const dims = checkShape(fn, "x", X.shape, ["...", "d"]);
  checkShape(fn, "W1", W1.shape, ["d", "d_ff"], dims);
  checkShape(fn, "W2", W2.shape, ["d_ff", "d_out"], dims);
  if (weights.b1 !== undefined) checkShape(fn, "b1", asTensor(weights.b1).shape, [dims.d_ff]);
  if (weights.b2 !== undefined) checkShape(fn, "b2", asTensor(weights.b2).shape, [dims.d_out]);
  const hidden = activate(linear(X, W1, weights.b1), activation); // (…, d_ff)
  return { output: linear(hidden, W2, weights.b2), hidden }; // (…, d_out)
}
