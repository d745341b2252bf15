// The evidence that core computes what PyTorch computes, as numbers: every committed fixture run through the
// conformance runner, and the training-parity run replayed step by step. The study site's "How qkv proves it" page
// shows these (computed when it is built, never typed in) and gpt2-training.test.ts asserts on the replay.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { AdamW } from "../src/adamw.js";
import type { Gpt2Config, Gpt2Weights } from "../src/gpt2.js";
import { gpt2TrainStep } from "../src/gpt2-training.js";
import { warmupCosine } from "../src/lr-schedule.js";
import { flattenTensors } from "../src/named-tensors.js";
import { decayMatricesOnly } from "../src/optimizer.js";
import { tensor, type NestedArray } from "../src/tensor.js";
import { loadFixtureFile } from "./fixture.js";
import { runFixture } from "./runner.js";

export interface ComponentEvidence {
  /** The fixture's component, e.g. "multi_head_attention". */
  component: string;
  /** Forward cases (every case checks its outputs). */
  cases: number;
  /** Cases that also check gradients (a `backward` block). */
  backwardCases: number;
  passed: number;
  /** Largest |core − PyTorch| over the outputs and gradients of every case. */
  maxAbsErr: number;
}

/** Every `<fixturesDir>/*.json` fixture run through the conformance runner, one summary per file, by name. */
export function conformanceEvidence(fixturesDir: string): ComponentEvidence[] {
  return readdirSync(fixturesDir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => {
      const loaded = loadFixtureFile(join(fixturesDir, f));
      const results = runFixture(loaded);
      return {
        component: loaded.file.component,
        cases: results.length,
        backwardCases: loaded.file.cases.filter((c) => c.backward !== undefined).length,
        passed: results.filter((r) => r.passed).length,
        maxAbsErr: Math.max(0, ...results.map((r) => r.maxAbsErr)),
      };
    });
}

/** fixtures/training/gpt2_adamw.json, written by tools/oracle/train_parity.py. */
export interface ParityFixture {
  params: {
    vocab_size: number; n_ctx: number; d_model: number; n_head: number; n_layer: number; layer_norm_eps: number;
    steps: number; peak_lr: number; min_lr: number; warmup_steps: number; betas: [number, number]; eps: number;
    weight_decay: number; max_norm: number;
  };
  inputs: { batches: number[][][] };
  weights: unknown;
  expected: { loss: number[]; grad_norm: number[]; lr: number[]; final_weights: unknown; steps_clipped: number };
}

export interface ParityStep {
  step: number;
  /** core's learning rate (warmupCosine) and PyTorch's. */
  lr: number;
  torchLr: number;
  /** Gradient norm before clipping. */
  gradNorm: number;
  torchGradNorm: number;
  loss: number;
  torchLoss: number;
}

export interface ParityReplay {
  fixture: ParityFixture;
  config: Gpt2Config;
  steps: ParityStep[];
  /** core's weights after the last step. */
  finalWeights: Gpt2Weights;
  /** Largest |core − PyTorch| over every final weight. */
  finalWeightsMaxAbsErr: number;
}

/** Nested arrays → Tensors, keeping the weights' structure. */
export function parityWeights(node: unknown): Gpt2Weights {
  const walk = (n: unknown): unknown => {
    if (Array.isArray(n) && (n.length === 0 || typeof n[0] === "number" || Array.isArray(n[0]))) return tensor(n as NestedArray);
    if (Array.isArray(n)) return n.map(walk);
    if (n && typeof n === "object") return Object.fromEntries(Object.entries(n).map(([k, v]) => [k, walk(v)]));
    return n;
  };
  return walk(node) as Gpt2Weights;
}

export function readParityFixture(path: string): ParityFixture {
  return JSON.parse(readFileSync(path, "utf8")) as ParityFixture;
}

/**
 * PyTorch's training run replayed by core: the fixture's initial weights, batches, clipping, schedule and AdamW
 * settings through `gpt2TrainStep` (the function that trains the committed model), step by step.
 */
export function replayTrainingParity(fixture: ParityFixture): ParityReplay {
  const p = fixture.params;
  const config: Gpt2Config = { vocabSize: p.vocab_size, contextLength: p.n_ctx, dModel: p.d_model, numHeads: p.n_head, numLayers: p.n_layer, normEps: p.layer_norm_eps };
  const optimizer = new AdamW({ lr: p.peak_lr, betas: p.betas, eps: p.eps, weightDecay: decayMatricesOnly(p.weight_decay) });
  const schedule = warmupCosine({ peakLr: p.peak_lr, minLr: p.min_lr, warmupSteps: p.warmup_steps, totalSteps: p.steps });
  let weights = parityWeights(fixture.weights);
  const steps: ParityStep[] = [];
  for (let k = 0; k < p.steps; k++) {
    const batch = fixture.inputs.batches[k];
    const r = gpt2TrainStep(weights, config, { inputs: batch.map((s) => s.slice(0, -1)), targets: batch.map((s) => s.slice(1)) }, {
      optimizer,
      lr: schedule(k),
      maxNorm: p.max_norm,
    });
    weights = r.weights;
    const e = fixture.expected;
    steps.push({ step: k, lr: schedule(k), torchLr: e.lr[k], gradNorm: r.gradNorm, torchGradNorm: e.grad_norm[k], loss: r.loss, torchLoss: e.loss[k] });
  }
  const want = flattenTensors(parityWeights(fixture.expected.final_weights));
  const got = flattenTensors(weights);
  let max = 0;
  for (const [name, t] of Object.entries(want)) {
    if (!got[name]) return { fixture, config, steps, finalWeights: weights, finalWeightsMaxAbsErr: NaN };
    t.data.forEach((v, i) => (max = Math.max(max, Math.abs(got[name].data[i] - v))));
  }
  if (Object.keys(got).length !== Object.keys(want).length) max = NaN;
  return { fixture, config, steps, finalWeights: weights, finalWeightsMaxAbsErr: max };
}
