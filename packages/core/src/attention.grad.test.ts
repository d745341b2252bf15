import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { scaledDotProductAttentionBackward } from "./attention.grad.js";
import { scaledDotProductAttention } from "./attention.js";
import { gradientCheck, weightedSum } from "./gradcheck.js";
import { causalMask } from "./masks.js";
import { Rng, randn } from "./random.js";

describe("scaled dot-product attention backward", () => {
  it("dQ, dK, dV match central differences, with and without a causal mask, through output, weights and scores", () => {
    fc.assert(
      fc.property(
        fc.nat(),
        fc.record({ L: fc.integer({ min: 1, max: 3 }), S: fc.integer({ min: 1, max: 4 }), dk: fc.integer({ min: 1, max: 3 }), dv: fc.integer({ min: 1, max: 3 }) }),
        fc.boolean(),
        (seed, { L, S, dk, dv }, causal) => {
          const rng = new Rng(seed);
          const leaves = [randn([2, L, dk], rng), randn([2, S, dk], rng), randn([2, S, dv], rng)];
          const up = { output: randn([2, L, dv], rng), weights: randn([2, L, S], rng), scores: randn([2, L, S], rng) };
          const options = { mask: causal ? causalMask(L, S) : undefined };
          // Masked scores are −∞: leave them out of the scalar (their upstream is a constant, gradient 0).
          const finite = (s: ArrayLike<number>) => Array.from(s, (v) => (Number.isFinite(v) ? v : 0));
          const loss = ([Q, K, V]: typeof leaves): number => {
            const r = scaledDotProductAttention(Q, K, V, options);
            return weightedSum(up.output, r.output) + weightedSum(up.weights, r.weights) + weightedSum(up.scores, finite(r.scores.data));
          };
          const g = scaledDotProductAttentionBackward(leaves[0], leaves[1], leaves[2], up, options);
          expect(gradientCheck(loss, leaves, [g.dQ, g.dK, g.dV])).toBeLessThan(1e-7);
        },
      ),
      { numRuns: 15 },
    );
  });
});
