import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gradientCheck, weightedSum } from "./gradcheck.js";
import { Rng, randn } from "./random.js";
import { t5RelativeBiasBackward } from "./t5-relative-bias.grad.js";
import { t5RelativeBias } from "./t5-relative-bias.js";

describe("T5 relative bias backward", () => {
  it("each bucket collects the gradient of every pair in it (matches central differences)", () => {
    fc.assert(
      fc.property(fc.nat(), fc.constantFrom("bidirectional", "causal") as fc.Arbitrary<"bidirectional" | "causal">, fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 4 }), (seed, direction, L, S, queryOffset) => {
        const rng = new Rng(seed);
        const options = { direction, numBuckets: 8, maxDistance: 16, queryOffset };
        const table = randn([8, 2], rng);
        const u = randn([2, L, S], rng);
        const analytic = t5RelativeBiasBackward(u, L, S, options);
        expect(gradientCheck(([t]) => weightedSum(u, t5RelativeBias(t, L, S, options)), [table], [analytic])).toBeLessThan(1e-8);
      }),
      { numRuns: 20 },
    );
  });
});
