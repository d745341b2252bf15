import { activationBackward, swigluBackward } from "./activations.grad.js";
import { activate } from "./activations.js";
import type { FeedForwardWeights } from "./feed-forward.js";
import { linear } from "./linear.js";
import { linearBackward } from "./linear.grad.js";
import { add } from "./ops.js";
import { Tensor, asTensor, type TensorLike } from "./tensor.js";

/** Gradients shaped like the weights: W1, W2 (and b1, b2 for a dense FFN with biases, W3 for SwiGLU). */
export type FeedForwardGrads = { W1: Tensor; W2: Tensor; b1?: Tensor; b2?: Tensor; W3?: Tensor };

/**
 * Reverse mode of the position-wise FFN (see `feedForward`). Dense: z = x W1 + b1, h = act(z), y = h W2 + b2:
 *   dh = dy W2ᵀ (+ upstream.hidden),  dW2 = hᵀ dy,  db2 = Σ dy
 *   dz = act′(z) ⊙ dh,  dx = dz W1ᵀ,  dW1 = xᵀ dz,  db1 = Σ dz
 * SwiGLU: see `swigluBackward`. Bias gradients are returned only for biases the weights have.
 */
export function feedForwardBackward(
  x: TensorLike,
  weights: FeedForwardWeights,
  upstream: { output?: TensorLike; hidden?: TensorLike },
): { dx: Tensor; grads: FeedForwardGrads } {
  if (weights.kind === "swiglu") return swigluBackward(x, weights, upstream);
  const X = asTensor(x);
  const z = linear(X, weights.W1, weights.b1); // (…, d_ff)
  const h = activate(z, weights.activation);
  const W2 = asTensor(weights.W2);
  let dh = Tensor.zeros(h.shape);
  let g2 = { dx: dh, dW: Tensor.zeros(W2.shape), db: Tensor.zeros([W2.shape[1]]) };
  if (upstream.output !== undefined) {
    g2 = linearBackward(h, W2, upstream.output);
    dh = g2.dx;
  }
  if (upstream.hidden !== undefined) dh = add(dh, upstream.hidden);
  const g1 = linearBackward(X, weights.W1, activationBackward(z, dh, weights.activation));
  const grads: FeedForwardGrads = { W1: g1.dW, W2: g2.dW };
  if (weights.b1 !== undefined) grads.b1 = g1.db;
  if (weights.b2 !== undefined) grads.b2 = g2.db;
  return { dx: g1.dx, grads };
}
