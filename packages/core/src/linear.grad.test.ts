import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gradientCheck, weightedSum } from "./gradcheck.js";
import { linearBackward } from "./linear.grad.js";
import { linear } from "./linear.js";
import { Rng, randn } from "./random.js";

describe("linear backward", () => {
  it("dx, dW, db match central differences for any leading shape", () => {
    fc.assert(
      fc.property(fc.nat(), fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 0, maxLength: 2 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }), (seed, lead, n, m) => {
        const rng = new Rng(seed);
        const leaves = [randn([...lead, n], rng), randn([n, m], rng), randn([m], rng)];
        const u = randn([...lead, m], rng);
        const g = linearBackward(leaves[0], leaves[1], u);
        expect(gradientCheck(([x, W, b]) => weightedSum(u, linear(x, W, b)), leaves, [g.dx, g.dW, g.db])).toBeLessThan(1e-8);
      }),
      { numRuns: 20 },
    );
  });
});
