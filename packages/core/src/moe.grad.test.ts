import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gradientCheck, gradientCheckTree, weightedSum } from "./gradcheck.js";
import { moeBackward } from "./moe.grad.js";
import { initMoe, moe } from "./moe.js";
import { Rng, randn } from "./random.js";

describe("MoE backward", () => {
  it("x, the router and the selected experts match central differences (top-1 … top-E, with the load-balancing loss)", () => {
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: 1, max: 3 }), (seed, topK) => {
        const rng = new Rng(seed);
        const weights = initMoe({ dModel: 3, numExperts: 3, ffnHidden: 4 }, rng, 0.6);
        const x = randn([4, 3], rng);
        const up = { output: randn([4, 3], rng), routingWeights: randn([4, topK], rng), routerLogits: randn([4, 3], rng), auxLoss: 0.7 };
        const loss = (t: typeof x, w: typeof weights): number => {
          const r = moe(t, w, { topK });
          const routing = weightedSum(up.routingWeights, r.routingWeights) + weightedSum(up.routerLogits, r.routerLogits);
          return weightedSum(up.output, r.output) + routing + up.auxLoss * r.loadBalance.auxLoss;
        };
        // The top-k choice is piecewise constant: skip draws with a near-tie that a probe of h could flip.
        const logits = moe(x, weights, { topK }).routerLogits;
        for (let t = 0; t < 4; t++) {
          const row = Array.from(logits.data.subarray(t * 3, t * 3 + 3)).sort((a, b) => b - a);
          if (row[0] - row[1] < 1e-3 || row[1] - row[2] < 1e-3) return;
        }
        const g = moeBackward(x, weights, { topK }, up);
        expect(gradientCheck(([t]) => loss(t, weights), [x], [g.dx])).toBeLessThan(1e-6);
        expect(gradientCheckTree((w) => loss(x, w), weights, g.grads)).toBeLessThan(1e-6);
      }),
      { numRuns: 12 },
    );
  });
});
