import { checkShape } from "./errors.js";
import { softmaxBackward } from "./softmax.grad.js";
import { softmax } from "./softmax.js";
import { Tensor, asTensor, type TensorLike } from "./tensor.js";

export interface SamplingUpstream {
  /** ∂L/∂(logits / T) */
  scaled?: TensorLike;
  /** ∂L/∂filtered (the logits after temperature and top-k/top-p, −∞ where removed) */
  filtered?: TensorLike;
  /** ∂L/∂probs, probs = softmax(filtered) */
  probs?: TensorLike;
}

/**
 * Reverse mode of the logits pipeline (`processLogits`: temperature → top-k → top-p → softmax), from its
 * `filtered` output. The filters are piecewise constant in their selection: a kept logit passes its gradient
 * through the division by T, a removed one (−∞, probability 0) gets none:
 *   dfiltered += probs ⊙ (dprobs − Σ dprobs ⊙ probs)        (softmax backward; removed tokens have probs = 0)
 *   dlogits    = dscaled / T + 1[kept] ⊙ dfiltered / T
 * filtered (…, V) as returned by the forward; temperature as given to it (default 1).
 */
export function processLogitsBackward(filtered: TensorLike, upstream: SamplingUpstream, temperature = 1): Tensor {
  const F = asTensor(filtered);
  const given = (name: string, u: TensorLike | undefined): Tensor | undefined => {
    if (u === undefined) return undefined;
    const t = asTensor(u);
    checkShape("processLogitsBackward", `upstream.${name}`, t.shape, F.shape);
    return t;
  };
  const [dScaled, dFiltered, dProbs] = [given("scaled", upstream.scaled), given("filtered", upstream.filtered), given("probs", upstream.probs)];
  const throughSoftmax = dProbs ? softmaxBackward(softmax(F), dProbs) : undefined;
  const dLogits = Tensor.zeros(F.shape);
  for (let i = 0; i < F.size; i++) {
    let g = dScaled ? dScaled.data[i] : 0;
    if (Number.isFinite(F.data[i])) g += (dFiltered ? dFiltered.data[i] : 0) + (throughSoftmax ? throughSoftmax.data[i] : 0);
    dLogits.data[i] = g / temperature;
  }
  return dLogits;
}
