import type { TokenBatch } from "./batches.js";
import { clipGradNorm } from "./clip-grad-norm.js";
import { ArgumentError } from "./errors.js";
import { gpt2, type Gpt2Config, type Gpt2Weights } from "./gpt2.js";
import { gpt2LossAndGrads } from "./gpt2.grad.js";
import { crossEntropy } from "./losses.js";
import { flattenTensors, unflattenTensors, type NamedTensors } from "./named-tensors.js";
import type { Optimizer } from "./optimizer.js";
import { Tensor } from "./tensor.js";

/**
 * Mean next-token cross-entropy of a batch and its gradient with respect to every weight:
 *
 *   L = (1/B) Σ_b L_b,   L_b = (1/T) Σ_t −log p(targets[b][t] | inputs[b][0 … t])
 *   ∂L/∂θ = (1/B) Σ_b ∂L_b/∂θ
 *
 * With equal lengths this is torch's F.cross_entropy(logits.view(B·T, V), targets.view(B·T)). Each sequence runs
 * through gpt2LossAndGrads (gpt2.grad.ts); gradients are named like flattenTensors(weights).
 */
export function gpt2BatchLossAndGrads(weights: Gpt2Weights, config: Gpt2Config, batch: TokenBatch): { loss: number; grads: NamedTensors } {
  const B = checkBatch("gpt2BatchLossAndGrads", batch);
  let loss = 0;
  let sum: NamedTensors | undefined;
  for (let b = 0; b < B; b++) {
    const r = gpt2LossAndGrads(weights, config, batch.inputs[b], batch.targets[b]);
    loss += r.loss / B;
    const g = flattenTensors(r.grads);
    if (sum === undefined) sum = Object.fromEntries(Object.entries(g).map(([k, t]) => [k, Tensor.zeros(t.shape)]));
    for (const [k, t] of Object.entries(g)) {
      const acc = sum[k].data;
      for (let i = 0; i < acc.length; i++) acc[i] += t.data[i] / B;
    }
  }
  return { loss, grads: sum! };
}

export interface Gpt2StepOptions {
  optimizer: Optimizer;
  /** This step's learning rate (from a schedule such as warmupCosine). */
  lr: number;
  /** Clip the global gradient norm to this (clipGradNorm); omit for no clipping. */
  maxNorm?: number;
}

export interface Gpt2StepResult {
  /** The updated weights (new tensors; the given ones are unchanged). */
  weights: Gpt2Weights;
  /** Loss of the batch under the weights before the step. */
  loss: number;
  /** Global gradient norm before clipping. */
  gradNorm: number;
}

/**
 * One training step, in PyTorch's order: loss and gradients on the batch, clip the global norm, optimiser step
 * with this step's learning rate. The same function trains the committed model and reproduces PyTorch's
 * 24-step run (fixtures/training/gpt2_adamw.json) to 1e-9.
 */
export function gpt2TrainStep(weights: Gpt2Weights, config: Gpt2Config, batch: TokenBatch, options: Gpt2StepOptions): Gpt2StepResult {
  const { loss, grads } = gpt2BatchLossAndGrads(weights, config, batch);
  // maxNorm ∞ leaves the gradients as they are and still reports their norm.
  const { totalNorm: gradNorm, grads: clipped } = clipGradNorm(grads, options.maxNorm ?? Infinity);
  const params = flattenTensors(weights, "gpt2TrainStep");
  const next = options.optimizer.step(params, clipped, options.lr);
  return { weights: unflattenTensors(weights, next, "gpt2TrainStep"), loss, gradNorm };
}

/**
 * Mean next-token cross-entropy over every position of every batch (forward only): Σ −log p / number of
 * positions. With `sequentialBatches` over held-out text this is the validation loss, the same on every run.
 */
export function gpt2EvalLoss(weights: Gpt2Weights, config: Gpt2Config, batches: readonly TokenBatch[]): number {
  let total = 0;
  let count = 0;
  for (const batch of batches) {
    const B = checkBatch("gpt2EvalLoss", batch);
    for (let b = 0; b < B; b++) {
      const r = crossEntropy(gpt2(weights, config, batch.inputs[b]).logits, batch.targets[b]);
      total += r.sum;
      count += r.numCounted;
    }
  }
  if (count === 0) throw new ArgumentError("gpt2EvalLoss", "batches", "must hold at least one position");
  return total / count;
}

function checkBatch(fn: string, batch: TokenBatch): number {
  const B = batch?.inputs?.length;
  if (!B || batch.targets?.length !== B) throw new ArgumentError(fn, "batch", `must have inputs and targets with the same number (≥ 1) of sequences`);
  batch.inputs.forEach((row, b) => {
    if (row.length !== batch.targets[b].length) throw new ArgumentError(fn, "batch", `sequence ${b} has ${row.length} inputs but ${batch.targets[b].length} targets`);
  });
  return B;
}
