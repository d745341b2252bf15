import { ArgumentError } from "./errors.js";

export interface WarmupCosineOptions {
  /** Learning rate at the end of warm-up. */
  peakLr: number;
  /** Floor of the cosine, reached at step totalSteps. Default 0. */
  minLr?: number;
  /** W ≥ 0 warm-up steps. */
  warmupSteps: number;
  /** N > W: the step count the cosine spans (the length of the run). */
  totalSteps: number;
  /** s in (0, 1]: the first step's fraction of peakLr. Default 1/(W+1), so step 0 never has lr 0. */
  startFactor?: number;
}

/**
 * Linear warm-up then cosine decay; the learning rate of optimiser step t (0-based):
 *
 * $$
 * \text{lr}_t = \begin{cases}
 * \text{peak} \cdot \big(s + (1 - s)\, t / W\big) & t < W \\
 * \text{min} + (\text{peak} - \text{min}) \cdot \frac{1}{2}\Big(1 + \cos\frac{\pi (t - W)}{N - W}\Big) & W \le t < N \\
 * \text{min} & t \ge N
 * \end{cases}
 * $$
 *
 * This is torch's SequentialLR(LinearLR(s, 1, W), CosineAnnealingLR(N − W, min)) in closed form, and with the
 * default s = 1/(W+1) also nanoGPT's get_lr. Warm-up keeps Adam's first steps small while its second-moment
 * estimate is still noisy; the cosine anneals to a floor instead of stopping abruptly.
 */
export function warmupCosine(options: WarmupCosineOptions): (step: number) => number {
  const fn = "warmupCosine";
  const { peakLr, minLr = 0, warmupSteps: W, totalSteps: N } = options;
  const s = options.startFactor ?? 1 / (W + 1);
  if (typeof peakLr !== "number" || !(peakLr >= 0 && Number.isFinite(peakLr))) throw new ArgumentError(fn, "peakLr", `must be a finite number ≥ 0, got ${String(peakLr)}`);
  if (typeof minLr !== "number" || !(minLr >= 0 && minLr <= peakLr)) throw new ArgumentError(fn, "minLr", `must be in [0, peakLr=${peakLr}], got ${String(minLr)}`);
  if (!Number.isInteger(W) || W < 0) throw new ArgumentError(fn, "warmupSteps", `must be an integer ≥ 0, got ${String(W)}`);
  if (!Number.isInteger(N) || N <= W) throw new ArgumentError(fn, "totalSteps", `must be an integer > warmupSteps=${W}, got ${String(N)}`);
  if (typeof s !== "number" || !(s > 0 && s <= 1)) throw new ArgumentError(fn, "startFactor", `must be in (0, 1], got ${String(s)}`);
  return (t) => {
    if (!Number.isInteger(t) || t < 0) throw new ArgumentError(fn, "step", `must be an integer ≥ 0, got ${String(t)}`);
    if (t < W) return peakLr * (s + ((1 - s) * t) / W);
    if (t >= N) return minLr;
    return minLr + ((peakLr - minLr) * (1 + Math.cos((Math.PI * (t - W)) / (N - W)))) / 2;
  };
}
