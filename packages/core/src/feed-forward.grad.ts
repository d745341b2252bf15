import { activationBackward, swigluBackward } from "./activations.grad.js";
import { activate } from "./activations.js";
import type { DenseFeedForwardWeights, FeedForwardActivation, FeedForwardWeights, GatedFeedForwardWeights } from "./feed-forward.js";
import { linear } from "./linear.js";
import { linearBackward } from "./linear.grad.js";
import { add } from "./ops.js";
import { Tensor, asTensor, type TensorLike } from "./tensor.js";

/** Gradients shaped like the weights: W1, W2 (and b1, b2 for a dense FFN, W3 for SwiGLU). */
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
  activation: FeedForwardActivation,
  upstream: { output?: TensorLike; hidden?: TensorLike },
): { dx: Tensor; grads: FeedForwardGrads } {
  if (activation === "swiglu") return swigluBackward(x, weights as GatedFeedForwardWeights, upstream);
  const w = weights as DenseFeedForwardWeights;
  const X = asTensor(x);
  const z = linear(X, w.W1, w.b1); // (…, d_ff)
  const h = activate(z, activation);
  const W2 = asTensor(w.W2);
  let dh = Tensor.zeros(h.shape);
  let g2 = { dW: Tensor.zeros(W2.shape), db: Tensor.zeros([W2.shape[1]]) };
  if (upstream.output !== undefined) {
    const back = linearBackward(h, W2, upstream.output);
    ({ dx: dh } = back);
    g2 = back;
  }
  if (upstream.hidden !== undefined) dh = add(dh, upstream.hidden);
  const g1 = linearBackward(X, w.W1, activationBackward(z, dh, activation));
  const grads: FeedForwardGrads = { W1: g1.dW, W2: g2.dW };
  if (w.b1 !== undefined) grads.b1 = g1.db;
  if (w.b2 !== undefined) grads.b2 = g2.db;
  return { dx: g1.dx, grads };
}
