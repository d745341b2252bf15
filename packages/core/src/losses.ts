import { ArgumentError, checkShape } from "./errors.js";
import { Tensor, asTensor, type TensorLike } from "./tensor.js";

export interface CrossEntropyOptions {
  /** Targets equal to this are skipped: excluded from the sum and from the count. Default −100 (torch). */
  ignoreIndex?: number;
  /** ε in [0, 1]: the target distribution is (1−ε)·onehot + ε/C uniform. Default 0. */
  labelSmoothing?: number;
}

export interface CrossEntropyResult {
  /** Sum over counted tokens / numCounted (torch reduction="mean"); NaN when every token is ignored (0/0). */
  mean: number;
  /** Sum over counted tokens (reduction="sum"); 0 when every token is ignored. */
  sum: number;
  /** (N,) per-token loss, 0 for ignored tokens (reduction="none"). */
  perToken: Tensor;
  numCounted: number;
  /** exp(mean). */
  perplexity: number;
}

/**
 * Cross-entropy from logits, exactly as torch `F.cross_entropy`:
 * $$\ell_i = (1-\varepsilon)\,(-\log p_{i,t_i}) + \frac{\varepsilon}{C} \sum_c (-\log p_{i,c}), \qquad \log p_i = \operatorname{logSoftmax}(\text{logits}_i)$$
 *
 * over the tokens whose target ≠ ignoreIndex. logits (N, C), targets (N,) integers in [0, C) → see result.
 * The log-softmax uses max subtraction, so logits of ±1000 are exact.
 */
export function crossEntropy(logits: TensorLike, targets: TensorLike, options: CrossEntropyOptions = {}): CrossEntropyResult {
  const fn = "crossEntropy";
  const X = asTensor(logits);
  const Y = asTensor(targets);
  const { ignoreIndex = -100, labelSmoothing = 0 } = options;
  if (!Number.isInteger(ignoreIndex)) throw new ArgumentError(fn, "ignoreIndex", `must be an integer, got ${ignoreIndex}`);
  if (typeof labelSmoothing !== "number" || !(labelSmoothing >= 0 && labelSmoothing <= 1)) {
    throw new ArgumentError(fn, "labelSmoothing", `must be a number in [0, 1], got ${labelSmoothing}`);
  }
  const dims = checkShape(fn, "logits", X.shape, ["N", "C"]);
  checkShape(fn, "targets", Y.shape, ["N"], dims);
  const { N, C } = dims;
  const perToken = Tensor.zeros([N]);
  let total = 0;
  let counted = 0;
  for (let i = 0; i < N; i++) {
    const t = Y.data[i];
    if (t === ignoreIndex) continue;
    if (!Number.isInteger(t) || t < 0 || t >= C) {
      throw new ArgumentError(fn, "targets", `must hold class indices in [0, ${C}) or ignoreIndex=${ignoreIndex}, got ${t} at ${i}`);
    }
    const o = i * C;
    let m = -Infinity;
    for (let c = 0; c < C; c++) if (X.data[o + c] > m || X.data[o + c] !== X.data[o + c]) m = X.data[o + c];
    let s = 0;
    for (let c = 0; c < C; c++) s += Math.exp(X.data[o + c] - m);
    const ls = Math.log(s);
    const nll = -(X.data[o + t] - m - ls);
    let loss = nll;
    if (labelSmoothing > 0) {
      let smooth = 0;
      for (let c = 0; c < C; c++) smooth -= X.data[o + c] - m - ls;
      loss = (1 - labelSmoothing) * nll + (labelSmoothing / C) * smooth;
    }
    perToken.data[i] = loss;
    total += loss;
    counted++;
  }
  const mean = total / counted;
  return { mean, sum: total, perToken, numCounted: counted, perplexity: Math.exp(mean) };
}

/** Perplexity $= e^{\bar\ell}$, the exponential of the mean cross-entropy in nats: the effective number of equally likely choices per token. */
export function perplexity(meanLoss: number): number {
  if (typeof meanLoss !== "number") throw new ArgumentError("perplexity", "meanLoss", `must be a number, got ${typeof meanLoss}`);
  return Math.exp(meanLoss);
}
