import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gradientCheck, weightedSum } from "./gradcheck.js";
import { layerNormBackward, layerNormStatsBackward } from "./layer-norm.grad.js";
import { layerNorm, layerNormStats } from "./layer-norm.js";
import { Rng, randn } from "./random.js";

describe("LayerNorm backward", () => {
  it("dx, dγ, dβ and the stats' gradients match central differences", () => {
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 2, max: 6 }), fc.constantFrom(1e-5, 0.1), (seed, rows, d, eps) => {
        const rng = new Rng(seed);
        const leaves = [randn([rows, d], rng, 2), randn([d], rng), randn([d], rng)];
        const [x, gamma, beta] = leaves;
        // A row of nearly equal values has a tiny variance and huge curvature: no finite difference is accurate there.
        fc.pre(Math.min(...Array.from(layerNormStats(x).variance.data)) > 0.05);
        const u = randn([rows, d], rng);
        const g = layerNormBackward(x, u, { gamma, beta, eps });
        const loss = ([t, gm, bt]: typeof leaves): number => weightedSum(u, layerNorm(t, { gamma: gm, beta: bt, eps }));
        expect(gradientCheck(loss, leaves, [g.dx, g.dGamma, g.dBeta])).toBeLessThan(1e-7);
        const [uMean, uVar] = [randn([rows], rng), randn([rows], rng)];
        const stats = ([t]: typeof leaves): number => {
          const s = layerNormStats(t, eps);
          return weightedSum(uMean, s.mean) + weightedSum(uVar, s.variance);
        };
        expect(gradientCheck(stats, [x], [layerNormStatsBackward(x, { mean: uMean, variance: uVar })])).toBeLessThan(1e-7);
      }),
      { numRuns: 15 },
    );
  });
});
