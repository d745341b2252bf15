import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gradientCheck, gradientCheckTree, weightedSum } from "./gradcheck.js";
import { llamaBlockBackward, llamaForwardWithCache, llamaLossAndGrads, mistralBlockBackward } from "./llama.grad.js";
import { crossEntropy } from "./losses.js";
import { initLlama, llama, llamaBlock, type LlamaBlockConfig, type LlamaConfig } from "./llama.js";
import { mistralBlock } from "./mistral.js";
import { Rng, randn } from "./random.js";

describe("LLaMA / Mistral block backward", () => {
  it("x and every weight match central differences (GQA, both RoPE conventions, start positions, all three outputs)", () => {
    fc.assert(
      fc.property(fc.nat(), fc.constantFrom(1, 2, 4), fc.constantFrom("interleaved", "rotate_half"), fc.integer({ min: 0, max: 5 }), (seed, numKVHeads, ropeConvention, startPos) => {
        const rng = new Rng(seed);
        const config: LlamaBlockConfig = { numHeads: 4, numKVHeads, ropeConvention, normEps: 1e-5 };
        const [weights] = initLlama({ ...config, vocabSize: 3, dModel: 8, numLayers: 1, ffnHidden: 6 }, rng, 0.4).layers;
        weights.attention_norm = randn([8], rng, 0.3);
        const x = randn([3, 8], rng);
        const up = { output: randn([3, 8], rng), hAfterAttention: randn([3, 8], rng), attentionWeights: randn([4, 3, 3], rng) };
        const loss = (t: typeof x, w: typeof weights): number => {
          const r = llamaBlock(t, w, config, { startPos });
          return weightedSum(up.output, r.output) + weightedSum(up.hAfterAttention, r.hAfterAttention) + weightedSum(up.attentionWeights, r.attentionWeights);
        };
        const g = llamaBlockBackward(x, weights, config, up, { startPos });
        expect(gradientCheck(([t]) => loss(t, weights), [x], [g.dx])).toBeLessThan(1e-6);
        expect(gradientCheckTree((w) => loss(x, w), weights, g.grads)).toBeLessThan(1e-6);
      }),
      { numRuns: 6 },
    );
  });

  it("Mistral's sliding window (both rules) is a constant mask", () => {
    const rng = new Rng(9);
    for (const windowRule of ["i-j<W", "i-j<=W"] as const) {
      const config = { numHeads: 2, numKVHeads: 1, slidingWindow: 2, windowRule };
      const [weights] = initLlama({ ...config, vocabSize: 3, dModel: 4, numLayers: 1, ffnHidden: 5 }, rng, 0.5).layers;
      const x = randn([4, 4], rng);
      const u = randn([4, 4], rng);
      const g = mistralBlockBackward(x, weights, config, { output: u });
      expect(gradientCheck(([t]) => weightedSum(u, mistralBlock(t, weights, config).output), [x], [g.dx])).toBeLessThan(1e-6);
      expect(gradientCheckTree((w) => weightedSum(u, mistralBlock(x, w, config).output), weights, g.grads)).toBeLessThan(1e-6);
    }
  });

  it("the whole model (embedding, blocks, final RMSNorm, untied head): every weight matches central differences of the loss", () => {
    const rng = new Rng(5);
    const config: LlamaConfig = { vocabSize: 5, dModel: 4, numLayers: 2, numHeads: 2, numKVHeads: 1, ffnHidden: 6 };
    const weights = initLlama(config, rng, 0.5);
    weights.norm = randn([4], rng, 0.3);
    const [ids, targets] = [[1, 4, 4, 0], [4, 4, 0, 2]];
    const attention = { kind: "sliding_window", window: 2, rule: "i-j<W" } as const;
    const { loss, grads } = llamaLossAndGrads(weights, config, ids, targets, { attention });
    expect(llamaForwardWithCache(weights, config, ids, { attention }).logits.data).toEqual(llama(weights, config, ids, { attention }).logits.data);
    const lossOf = (w: typeof weights): number => crossEntropy(llama(w, config, ids, { attention }).logits, targets).mean;
    expect(loss).toBe(lossOf(weights));
    expect(gradientCheckTree(lossOf, weights, grads)).toBeLessThan(1e-6);
  });
});
