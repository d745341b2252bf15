import type { CrossEntropyOptions } from "./losses.js";
import { crossEntropy } from "./losses.js";
import { logSoftmax } from "./softmax.js";
import { checkShape } from "./errors.js";
import { Tensor, asTensor, type TensorLike } from "./tensor.js";

export interface CrossEntropyUpstream {
  /** ∂L/∂mean (a number) */
  mean?: number;
  /** ∂L/∂sum */
  sum?: number;
  /** ∂L/∂perToken (N,) */
  perToken?: TensorLike;
  /** ∂L/∂perplexity; perplexity = exp(mean) */
  perplexity?: number;
}

/**
 * Reverse mode of cross-entropy with label smoothing ε over C classes (see `crossEntropy`). For a counted token i
 * with target t and p = softmax(logits_i):
 *   ∂ℓ_i/∂logits_i = p − (1 − ε) · onehot(t) − ε / C
 * Each token's upstream is g_i = dPerToken_i + dSum + dMean / numCounted (+ dPerplexity · exp(mean) / numCounted);
 * ignored tokens (target = ignoreIndex) get gradient 0. logits (N, C), targets (N,) → dlogits (N, C).
 */
export function crossEntropyBackward(
  logits: TensorLike,
  targets: TensorLike,
  upstream: CrossEntropyUpstream,
  options: CrossEntropyOptions = {},
): Tensor {
  const X = asTensor(logits);
  const Y = asTensor(targets);
  const { ignoreIndex = -100, labelSmoothing: eps = 0 } = options;
  const { mean, numCounted } = crossEntropy(X, Y, options); // validates, and gives the count and mean
  const [N, C] = X.shape;
  const logp = logSoftmax(X);
  const perTokenT = upstream.perToken === undefined ? undefined : asTensor(upstream.perToken);
  if (perTokenT) checkShape("crossEntropyBackward", "upstream.perToken", perTokenT.shape, [N]);
  const perToken = perTokenT?.data;
  const dMean = (upstream.mean ?? 0) + (upstream.perplexity ?? 0) * Math.exp(mean);
  const dx = Tensor.zeros([N, C]);
  for (let i = 0; i < N; i++) {
    const t = Y.data[i];
    if (t === ignoreIndex) continue;
    const g = (perToken ? perToken[i] : 0) + (upstream.sum ?? 0) + dMean / numCounted;
    for (let c = 0; c < C; c++) {
      const target = c === t ? 1 - eps : 0;
      dx.data[i * C + c] = g * (Math.exp(logp.data[i * C + c]) - target - eps / C);
    }
  }
  return dx;
}
