import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { AdamW } from "./adamw.js";
import { getBackend } from "./backend.js";
import type { Gpt2Config, Gpt2Weights } from "./gpt2.js";
import { gpt2TrainStep } from "./gpt2-training.js";
import { warmupCosine } from "./lr-schedule.js";
import { flattenTensors } from "./named-tensors.js";
import { decayMatricesOnly } from "./optimizer.js";
import { tensor, type NestedArray } from "./tensor.js";

interface ParityFixture {
  params: {
    vocab_size: number; n_ctx: number; d_model: number; n_head: number; n_layer: number; layer_norm_eps: number;
    steps: number; peak_lr: number; min_lr: number; warmup_steps: number; betas: [number, number]; eps: number;
    weight_decay: number; max_norm: number;
  };
  inputs: { batches: number[][][] };
  weights: unknown;
  expected: { loss: number[]; grad_norm: number[]; lr: number[]; final_weights: unknown; steps_clipped: number };
}

const fixture = JSON.parse(readFileSync(new URL("../fixtures/training/gpt2_adamw.json", import.meta.url), "utf8")) as ParityFixture;

/** Nested arrays → Tensors, keeping the weights' structure. */
function toWeights(node: unknown): Gpt2Weights {
  const walk = (n: unknown): unknown => {
    if (Array.isArray(n) && (n.length === 0 || typeof n[0] === "number" || Array.isArray(n[0]))) return tensor(n as NestedArray);
    if (Array.isArray(n)) return n.map(walk);
    if (n && typeof n === "object") return Object.fromEntries(Object.entries(n).map(([k, v]) => [k, walk(v)]));
    return n;
  };
  return walk(node) as Gpt2Weights;
}

describe("training parity with PyTorch: a tiny GPT-2, 24 AdamW steps with clipping and warm-up + cosine", () => {
  const p = fixture.params;
  const config: Gpt2Config = { vocabSize: p.vocab_size, contextLength: p.n_ctx, dModel: p.d_model, numHeads: p.n_head, numLayers: p.n_layer, normEps: p.layer_norm_eps };
  const optimizer = new AdamW({ lr: p.peak_lr, betas: p.betas, eps: p.eps, weightDecay: decayMatricesOnly(p.weight_decay) });
  const schedule = warmupCosine({ peakLr: p.peak_lr, minLr: p.min_lr, warmupSteps: p.warmup_steps, totalSteps: p.steps });
  let weights = toWeights(fixture.weights);
  const losses: number[] = [];
  const norms: number[] = [];
  for (let k = 0; k < p.steps; k++) {
    const batch = fixture.inputs.batches[k];
    const r = gpt2TrainStep(weights, config, { inputs: batch.map((s) => s.slice(0, -1)), targets: batch.map((s) => s.slice(1)) }, {
      optimizer,
      lr: schedule(k),
      maxNorm: p.max_norm,
    });
    weights = r.weights;
    losses.push(r.loss);
    norms.push(r.gradNorm);
  }

  it("uses torch's learning rate at every step", () => {
    fixture.expected.lr.forEach((lr, k) => expect(Math.abs(schedule(k) - lr)).toBeLessThanOrEqual(1e-15));
  });

  it("reproduces the loss and the pre-clipping gradient norm of every step within 1e-9", () => {
    expect(losses).toHaveLength(fixture.expected.loss.length);
    const lossDiff = Math.max(...losses.map((l, k) => Math.abs(l - fixture.expected.loss[k])));
    const normDiff = Math.max(...norms.map((n, k) => Math.abs(n - fixture.expected.grad_norm[k])));
    expect(lossDiff).toBeLessThanOrEqual(1e-9);
    expect(normDiff).toBeLessThanOrEqual(1e-9);
    // Both clipping branches were exercised.
    expect(norms.filter((n) => n > p.max_norm)).toHaveLength(fixture.expected.steps_clipped);
    expect(fixture.expected.steps_clipped).toBeLessThan(p.steps);
  });

  // The documented numbers are the js backend's (the wasm project replays the run above against PyTorch too, its
  // last bits differing by ~1e-16).
  it.runIf(getBackend() === "js")("is the table shown in docs/training.md (the documented numbers are these, not pasted)", () => {
    const rows = losses.map((l, k) => {
      const t = fixture.expected.loss[k];
      const d = Math.abs(l - t);
      return `| ${k} | ${Number(schedule(k).toPrecision(6))} | ${fixture.expected.grad_norm[k].toFixed(4)} | ${t} | ${l} | ${d === 0 ? "0" : d.toExponential(1)} |`;
    });
    const table = ["| step | lr | grad norm | PyTorch loss | core loss | abs diff |", "|---:|---:|---:|---:|---:|---:|", ...rows].join("\n");
    const doc = readFileSync(new URL("../../../docs/training.md", import.meta.url), "utf8");
    expect(doc, `docs/training.md must contain:\n${table}`).toContain(table);
  });

  it("ends with PyTorch's final weights within 1e-9", () => {
    const want = flattenTensors(toWeights(fixture.expected.final_weights));
    const got = flattenTensors(weights);
    expect(Object.keys(got).sort()).toEqual(Object.keys(want).sort());
    let max = 0;
    for (const [name, t] of Object.entries(want)) t.data.forEach((v, i) => (max = Math.max(max, Math.abs(got[name].data[i] - v))));
    expect(max).toBeLessThanOrEqual(1e-9);
  });
});
