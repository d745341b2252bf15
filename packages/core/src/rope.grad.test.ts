import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gradientCheck, weightedSum } from "./gradcheck.js";
import { Rng, randn } from "./random.js";
import { ropeBackward } from "./rope.grad.js";
import { applyRope, type RopeConvention } from "./rope.js";

describe("RoPE backward", () => {
  it("rotating back by −θ matches central differences in both conventions", () => {
    fc.assert(
      fc.property(
        fc.nat(),
        fc.record({ T: fc.integer({ min: 1, max: 3 }), H: fc.integer({ min: 1, max: 2 }), half: fc.integer({ min: 1, max: 3 }), startPos: fc.integer({ min: 0, max: 50 }) }),
        fc.constantFrom<RopeConvention>("interleaved", "rotate_half"),
        (seed, { T, H, half, startPos }, convention) => {
          const rng = new Rng(seed);
          const x = randn([T, H, 2 * half], rng);
          const u = randn([T, H, 2 * half], rng);
          const options = { convention, startPos, base: 10000 };
          expect(gradientCheck(([t]) => weightedSum(u, applyRope(t, options)), [x], [ropeBackward(u, options)])).toBeLessThan(1e-8);
        },
      ),
      { numRuns: 20 },
    );
  });
});
