import { describe, expect, it } from "vitest";
import { maxGradientError, numericalGradient } from "./gradcheck.js";
import { gpt2LossAndGrads, gpt2ForwardWithCache, type Gpt2Grads } from "./gpt2.grad.js";
import { gpt2, initGpt2, type Gpt2Config, type Gpt2Weights } from "./gpt2.js";
import { crossEntropy } from "./losses.js";
import { Rng } from "./random.js";
import { Tensor } from "./tensor.js";

const config: Gpt2Config = { vocabSize: 7, contextLength: 6, dModel: 4, numHeads: 2, numLayers: 2 };

/** Random weights with non-trivial biases and norms, so every term of the gradient is exercised. */
function weights(seed: number): Gpt2Weights {
  const w = initGpt2(config, new Rng(seed), 0.5);
  const rng = new Rng(seed + 1);
  const jitter = (t: Tensor, base: number): Tensor => new Tensor(t.data.map(() => base + 0.3 * rng.normal()), t.shape);
  for (const b of w.blocks) {
    for (const k of ["b_Q", "b_K", "b_V", "b_O", "b_fc", "b_proj"] as const) b[k] = jitter(b[k] as Tensor, 0);
    b.ln_1 = { gamma: jitter(b.ln_1.gamma as Tensor, 1), beta: jitter(b.ln_1.beta as Tensor, 0) };
  }
  w.ln_f = { gamma: jitter(w.ln_f.gamma as Tensor, 1), beta: jitter(w.ln_f.beta as Tensor, 0) };
  return w;
}

describe("gpt2 backward", () => {
  const w = weights(3);
  const ids = [1, 5, 2, 5, 0];
  const targets = [5, 2, 5, 0, 6];

  it("forward with cache gives gpt2's logits exactly", () => {
    expect(gpt2ForwardWithCache(w, config, ids).logits.data).toEqual(gpt2(w, config, ids).logits.data);
  });

  it("every leaf's gradient matches central finite differences of the loss (tied wte: both uses)", () => {
    const { loss, grads } = gpt2LossAndGrads(w, config, ids, targets);
    expect(loss).toBeCloseTo(crossEntropy(gpt2(w, config, ids).logits, targets).mean, 14);
    // Probe each named leaf: replace it, rerun the loss.
    const leaves: [string, (g: Gpt2Grads | Gpt2Weights) => Tensor, (t: Tensor) => Gpt2Weights][] = [
      ["wte", (g) => g.wte as Tensor, (t) => ({ ...w, wte: t })],
      ["wpe", (g) => g.wpe as Tensor, (t) => ({ ...w, wpe: t })],
      ["ln_f.gamma", (g) => g.ln_f.gamma as Tensor, (t) => ({ ...w, ln_f: { ...w.ln_f, gamma: t } })],
      ["blocks.0.W_Q", (g) => g.blocks[0].W_Q as Tensor, (t) => ({ ...w, blocks: [{ ...w.blocks[0], W_Q: t }, w.blocks[1]] })],
      ["blocks.1.W_fc", (g) => g.blocks[1].W_fc as Tensor, (t) => ({ ...w, blocks: [w.blocks[0], { ...w.blocks[1], W_fc: t }] })],
      ["blocks.1.ln_2.beta", (g) => g.blocks[1].ln_2.beta as Tensor, (t) => ({ ...w, blocks: [w.blocks[0], { ...w.blocks[1], ln_2: { ...w.blocks[1].ln_2, beta: t } }] })],
    ];
    for (const [name, get, put] of leaves) {
      const numeric = numericalGradient((t) => crossEntropy(gpt2(put(t), config, ids).logits, targets).mean, get(w));
      expect(maxGradientError(get(grads), numeric), name).toBeLessThan(1e-6);
    }
  });
});
