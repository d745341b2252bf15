import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parityWeights, readParityFixture, replayTrainingParity } from "../conformance/evidence.js";
import { getBackend } from "./backend.js";
import { flattenTensors } from "./named-tensors.js";

const fixture = readParityFixture(fileURLToPath(new URL("../fixtures/training/gpt2_adamw.json", import.meta.url)));

describe("training parity with PyTorch: a tiny GPT-2, 24 AdamW steps with clipping and warm-up + cosine", () => {
  const p = fixture.params;
  // The replay (conformance/evidence.ts) is gpt2TrainStep with the fixture's weights, batches, AdamW, clipping and
  // warmupCosine schedule; the site's proof page shows the same replay.
  const replay = replayTrainingParity(fixture);
  const weights = replay.finalWeights;
  const losses = replay.steps.map((s) => s.loss);
  const norms = replay.steps.map((s) => s.gradNorm);
  const schedule = (k: number) => replay.steps[k].lr;

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
    const want = flattenTensors(parityWeights(fixture.expected.final_weights));
    const got = flattenTensors(weights);
    expect(Object.keys(got).sort()).toEqual(Object.keys(want).sort());
    let max = 0;
    for (const [name, t] of Object.entries(want)) t.data.forEach((v, i) => (max = Math.max(max, Math.abs(got[name].data[i] - v))));
    expect(max).toBeLessThanOrEqual(1e-9);
  });
});
