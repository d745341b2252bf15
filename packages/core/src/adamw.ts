import { ArgumentError } from "./errors.js";
import type { NamedTensors } from "./named-tensors.js";
import { checkGrads, checkNonNegative, decayFor, type Optimizer, type WeightDecay } from "./optimizer.js";
import { Tensor } from "./tensor.js";

export interface AdamWOptions {
  lr: number;
  /** (β₁, β₂), default (0.9, 0.999). */
  betas?: readonly [number, number];
  /** ε, added to √v̂ (outside the square root), default 1e-8. */
  eps?: number;
  /** λ, decoupled; default 0.01 as in torch. `decayMatricesOnly(λ)` exempts biases and norms. */
  weightDecay?: WeightDecay;
}

/**
 * AdamW (Loshchilov & Hutter), exactly as `torch.optim.AdamW`; step t = 1, 2, …:
 *
 * $$
 * \begin{aligned}
 * \theta &\leftarrow \theta\,(1 - \text{lr}\cdot\lambda) \\
 * m &\leftarrow \beta_1 m + (1 - \beta_1)\, g \\
 * v &\leftarrow \beta_2 v + (1 - \beta_2)\, g^2 \\
 * \theta &\leftarrow \theta - \frac{\text{lr}}{1 - \beta_1^t} \cdot \frac{m}{\sqrt{v} / \sqrt{1 - \beta_2^t} + \varepsilon}
 * \end{aligned}
 * $$
 *
 * The first line is the decoupled weight decay: it shrinks θ and never enters m or v.
 *
 * The last line is θ − lr·m̂/(√v̂ + ε) with bias-corrected m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ), written in torch's
 * order of operations. ε sits outside the square root, so it only matters where √v̂ is tiny.
 */
export class AdamW implements Optimizer {
  private readonly moments = new Map<string, { m: Float64Array; v: Float64Array }>();
  /** Steps taken so far (t of the last step). */
  stepCount = 0;

  constructor(readonly options: AdamWOptions) {
    const fn = "AdamW";
    checkNonNegative(fn, "lr", options.lr);
    const [b1, b2] = options.betas ?? [0.9, 0.999];
    for (const [i, b] of [b1, b2].entries()) {
      if (typeof b !== "number" || !(b >= 0 && b < 1)) throw new ArgumentError(fn, `betas[${i}]`, `must be in [0, 1), got ${String(b)}`);
    }
    checkNonNegative(fn, "eps", options.eps ?? 1e-8);
    if (typeof options.weightDecay === "number") checkNonNegative(fn, "weightDecay", options.weightDecay);
  }

  step(params: NamedTensors, grads: NamedTensors, lr = this.options.lr): NamedTensors {
    checkGrads("AdamW.step", params, grads);
    checkNonNegative("AdamW.step", "lr", lr);
    const [b1, b2] = this.options.betas ?? [0.9, 0.999];
    const eps = this.options.eps ?? 1e-8;
    const weightDecay = this.options.weightDecay ?? 0.01;
    const t = ++this.stepCount;
    const stepSize = lr / (1 - b1 ** t);
    const bc2Sqrt = Math.sqrt(1 - b2 ** t);
    const out: NamedTensors = {};
    for (const [name, p] of Object.entries(params)) {
      const theta = p.data;
      const g = grads[name].data;
      let state = this.moments.get(name);
      if (state === undefined) {
        state = { m: new Float64Array(theta.length), v: new Float64Array(theta.length) };
        this.moments.set(name, state);
      }
      const { m, v } = state;
      const shrink = 1 - lr * decayFor(weightDecay, name, p);
      const next = Tensor.zeros(p.shape, p.dtype);
      for (let i = 0; i < theta.length; i++) {
        m[i] = m[i] * b1 + (1 - b1) * g[i];
        v[i] = v[i] * b2 + (1 - b2) * g[i] * g[i];
        next.data[i] = theta[i] * shrink - stepSize * (m[i] / (Math.sqrt(v[i]) / bc2Sqrt + eps));
      }
      out[name] = next;
    }
    return out;
  }
}
