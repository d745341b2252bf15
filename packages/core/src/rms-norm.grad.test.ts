import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gradientCheck, weightedSum } from "./gradcheck.js";
import { Rng, randn } from "./random.js";
import { rmsNormBackward, rootMeanSquareBackward } from "./rms-norm.grad.js";
import { rmsNorm, rootMeanSquare } from "./rms-norm.js";

describe("RMSNorm backward", () => {
  it("dx, dg and ∂rms/∂x match central differences", () => {
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 6 }), (seed, rows, d) => {
        const rng = new Rng(seed);
        const leaves = [randn([rows, d], rng), randn([d], rng)];
        // Rows near zero have rms ≈ √eps and huge curvature: no finite difference is accurate there.
        fc.pre(Math.min(...Array.from(rootMeanSquare(leaves[0]).data)) > 0.2);
        const u = randn([rows, d], rng);
        const g = rmsNormBackward(leaves[0], u, { g: leaves[1] });
        expect(gradientCheck(([x, gain]) => weightedSum(u, rmsNorm(x, { g: gain })), leaves, [g.dx, g.dG])).toBeLessThan(1e-7);
        const ur = randn([rows], rng);
        expect(gradientCheck(([x]) => weightedSum(ur, rootMeanSquare(x)), [leaves[0]], [rootMeanSquareBackward(leaves[0], ur)])).toBeLessThan(1e-7);
      }),
      { numRuns: 15 },
    );
  });
});
