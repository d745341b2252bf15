import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { batchNormBackward } from "./batch-norm.grad.js";
import { batchNorm } from "./batch-norm.js";
import { gradientCheck, weightedSum } from "./gradcheck.js";
import { Rng, randn } from "./random.js";

describe("BatchNorm backward", () => {
  it("dx, dγ, dβ match central differences (statistics over the batch and time axes)", () => {
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 2, max: 3 }), fc.integer({ min: 1, max: 3 }), (seed, B, T, C) => {
        const rng = new Rng(seed);
        const leaves = [randn([B, T, C], rng, 2), randn([C], rng), randn([C], rng)];
        const u = randn([B, T, C], rng);
        const loss = ([x, gamma, beta]: typeof leaves): number => weightedSum(u, batchNorm(x, { gamma, beta }));
        const g = batchNormBackward(leaves[0], u, { gamma: leaves[1], beta: leaves[2] });
        // A channel of nearly equal values has a tiny variance and huge curvature: skip those draws.
        const xs = leaves[0].data;
        for (let c = 0; c < C; c++) {
          const vals = Array.from(xs).filter((_, i) => i % C === c);
          const m = vals.reduce((a, b) => a + b, 0) / vals.length;
          fc.pre(vals.reduce((a, b) => a + (b - m) ** 2, 0) / vals.length > 0.05);
        }
        expect(gradientCheck(loss, leaves, [g.dx, g.dGamma, g.dBeta])).toBeLessThan(1e-7);
      }),
      { numRuns: 20 },
    );
  });
});
