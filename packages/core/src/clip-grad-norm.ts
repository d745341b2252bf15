import { ArgumentError } from "./errors.js";
import type { NamedTensors } from "./named-tensors.js";
import { Tensor } from "./tensor.js";

export interface ClippedGrads {
  /** ‖g‖₂ over all tensors together, before clipping. */
  totalNorm: number;
  /** Every gradient times min(1, maxNorm / (totalNorm + 1e-6)). */
  grads: NamedTensors;
}

/**
 * Global-norm gradient clipping, as `torch.nn.utils.clip_grad_norm_(params, maxNorm)`:
 *
 * $$\lVert g \rVert = \sqrt{\sum_k \lVert g_k \rVert_2^2}, \qquad c = \min\Big(1, \frac{\text{maxNorm}}{\lVert g \rVert + 10^{-6}}\Big), \qquad g_k \leftarrow c\, g_k$$
 *
 * One norm over the whole model (k runs over its tensors), so the update keeps its direction.
 *
 * Returns new tensors (the inputs are not modified) and the norm before clipping, worth logging: spikes in it
 * come before loss spikes.
 */
export function clipGradNorm(grads: NamedTensors, maxNorm: number): ClippedGrads {
  if (typeof maxNorm !== "number" || !(maxNorm > 0)) throw new ArgumentError("clipGradNorm", "maxNorm", `must be a number > 0, got ${String(maxNorm)}`);
  let sumSquares = 0;
  for (const g of Object.values(grads)) {
    let s = 0;
    for (let i = 0; i < g.data.length; i++) s += g.data[i] * g.data[i];
    sumSquares += s; // ‖g_k‖², i.e. the square of torch's per-tensor norm
  }
  const totalNorm = Math.sqrt(sumSquares);
  const coef = Math.min(1, maxNorm / (totalNorm + 1e-6));
  const out: NamedTensors = {};
  for (const [name, g] of Object.entries(grads)) {
    const c = Tensor.zeros(g.shape, g.dtype);
    for (let i = 0; i < g.data.length; i++) c.data[i] = g.data[i] * coef;
    out[name] = c;
  }
  return { totalNorm, grads: out };
}
