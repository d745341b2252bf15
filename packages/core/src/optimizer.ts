import { ArgumentError } from "./errors.js";
import type { NamedTensors } from "./named-tensors.js";
import { Tensor } from "./tensor.js";

/**
 * A first-order optimiser with PyTorch semantics (sgd.ts, adamw.ts). `step` returns new parameter tensors and
 * leaves `params` and `grads` untouched; the optimiser keeps its own state (moments, step count) by name, so call
 * it with the same names every step. `lr` overrides the configured learning rate for this step (a schedule).
 */
export interface Optimizer {
  step(params: NamedTensors, grads: NamedTensors, lr?: number): NamedTensors;
}

/** Weight decay per tensor: one number for all, or a rule by name and tensor (see `decayMatricesOnly`). */
export type WeightDecay = number | ((name: string, param: Tensor) => number);

/** nanoGPT's rule: decay matrices and embeddings (rank ≥ 2), not biases or LayerNorm γ/β. */
export function decayMatricesOnly(weightDecay: number): (name: string, param: Tensor) => number {
  return (_name, param) => (param.rank >= 2 ? weightDecay : 0);
}

export function decayFor(weightDecay: WeightDecay, name: string, param: Tensor): number {
  return typeof weightDecay === "number" ? weightDecay : weightDecay(name, param);
}

/** Every parameter needs a gradient of its shape, and no gradient may name an unknown parameter. */
export function checkGrads(fn: string, params: NamedTensors, grads: NamedTensors): void {
  for (const [name, p] of Object.entries(params)) {
    const g = grads[name];
    if (!(g instanceof Tensor)) throw new ArgumentError(fn, "grads", `is missing the gradient of "${name}"`);
    if (g.size !== p.size || g.shape.some((d, i) => d !== p.shape[i])) {
      throw new ArgumentError(fn, "grads", `"${name}" must have shape (${p.shape.join(", ")}) like its parameter, got (${g.shape.join(", ")})`);
    }
  }
  for (const name of Object.keys(grads)) {
    if (!(name in params)) throw new ArgumentError(fn, "grads", `has "${name}", which is not a parameter`);
  }
}

export function checkNonNegative(fn: string, arg: string, v: unknown): void {
  if (typeof v !== "number" || !Number.isFinite(v) || v < 0) throw new ArgumentError(fn, arg, `must be a finite number ≥ 0, got ${String(v)}`);
}
