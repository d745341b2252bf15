import type { TokenBatch } from "./batches.js";
import { clipGradNorm } from "./clip-grad-norm.js";
import { ArgumentError } from "./errors.js";
import { gpt2, type Gpt2Config, type Gpt2Weights } from "./gpt2.js";
import { gpt2LossAndGrads } from "./gpt2.grad.js";
import { crossEntropy } from "./losses.js";
import { flattenTensors, unflattenTensors, type NamedTensors } from "./named-tensors.js";
import type { Optimizer } from "./optimizer.js";
import { Tensor } from "./tensor.js";

/** One sequence's next-token loss (mean over its positions) and gradients, named like flattenTensors(weights). */
export interface SequenceGrads {
  loss: number;
  grads: NamedTensors;
}

/** gpt2LossAndGrads (gpt2.grad.ts) for one sequence, with the gradients flattened to names. */
export function gpt2SequenceGrads(weights: Gpt2Weights, config: Gpt2Config, inputIds: readonly number[], targets: readonly number[]): SequenceGrads {
  const r = gpt2LossAndGrads(weights, config, inputIds, targets);
  return { loss: r.loss, grads: flattenTensors(r.grads) };
}

/**
 * The batch mean of per-sequence results, accumulated in sequence order (so the result does not depend on where
 * each sequence was computed: one thread or several give the same bits):
 *
 *   L = (1/B) Σ_b L_b,   ∂L/∂θ = (1/B) Σ_b ∂L_b/∂θ
 */
export function averageSequenceGrads(results: readonly SequenceGrads[]): SequenceGrads {
  const B = results.length;
  if (B === 0) throw new ArgumentError("averageSequenceGrads", "results", "must hold at least one sequence");
  let loss = 0;
  const sum: NamedTensors = Object.fromEntries(Object.entries(results[0].grads).map(([k, t]) => [k, Tensor.zeros(t.shape)]));
  for (const r of results) {
    loss += r.loss / B;
    for (const [k, t] of Object.entries(r.grads)) {
      const acc = sum[k].data;
      for (let i = 0; i < acc.length; i++) acc[i] += t.data[i] / B;
    }
  }
  return { loss, grads: sum };
}

/**
 * Mean next-token cross-entropy of a batch and its gradient with respect to every weight:
 *
 *   L = (1/B) Σ_b L_b,   L_b = (1/T) Σ_t −log p(targets[b][t] | inputs[b][0 … t])
 *
 * With equal lengths this is torch's F.cross_entropy(logits.view(B·T, V), targets.view(B·T)).
 */
export function gpt2BatchLossAndGrads(weights: Gpt2Weights, config: Gpt2Config, batch: TokenBatch): SequenceGrads {
  checkBatch("gpt2BatchLossAndGrads", batch);
  return averageSequenceGrads(batch.inputs.map((ids, b) => gpt2SequenceGrads(weights, config, ids, batch.targets[b])));
}

export interface StepOptions {
  optimizer: Optimizer;
  /** This step's learning rate (from a schedule such as warmupCosine). */
  lr: number;
  /** Clip the global gradient norm to this (clipGradNorm); omit for no clipping. */
  maxNorm?: number;
}

/**
 * Clip the gradients' global norm, then one optimiser step on every tensor of a nested weights object (PyTorch's
 * order: clip_grad_norm_, then optimizer.step). Returns new weights of the same structure and the norm before
 * clipping.
 */
export function applyGradients<W>(weights: W, grads: NamedTensors, options: StepOptions): { weights: W; gradNorm: number } {
  // maxNorm ∞ leaves the gradients as they are and still reports their norm.
  const { totalNorm: gradNorm, grads: clipped } = clipGradNorm(grads, options.maxNorm ?? Infinity);
  const next = options.optimizer.step(flattenTensors(weights, "applyGradients"), clipped, options.lr);
  return { weights: unflattenTensors(weights, next, "applyGradients"), gradNorm };
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
 * One training step: loss and gradients on the batch, clip the global norm, optimiser step with this step's
 * learning rate. The same functions train the committed model and reproduce PyTorch's 24-step run
 * (fixtures/training/gpt2_adamw.json) to 1e-9.
 */
export function gpt2TrainStep(weights: Gpt2Weights, config: Gpt2Config, batch: TokenBatch, options: StepOptions): Gpt2StepResult {
  const { loss, grads } = gpt2BatchLossAndGrads(weights, config, batch);
  return { loss, ...applyGradients(weights, grads, options) };
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
