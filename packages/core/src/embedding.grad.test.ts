import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { embedBackward, learnedPositionsBackward } from "./embedding.grad.js";
import { embed, learnedPositions } from "./embedding.js";
import { gradientCheck, weightedSum } from "./gradcheck.js";
import { Rng, randn } from "./random.js";

describe("embedding backward", () => {
  it("repeated ids accumulate and match central differences (scaled lookups too)", () => {
    fc.assert(
      fc.property(fc.nat(), fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 8 }), fc.constantFrom(false, true, 0.5), (seed, ids, scale) => {
        const rng = new Rng(seed);
        const table = randn([5, 3], rng);
        const u = randn([ids.length, 3], rng);
        const analytic = embedBackward(ids, u, 5, { scale });
        expect(gradientCheck(([t]) => weightedSum(u, embed(t, ids, { scale })), [table], [analytic])).toBeLessThan(1e-8);
      }),
      { numRuns: 20 },
    );
  });

  it("the padding row gets no gradient (torch nn.Embedding(padding_idx)), negative padding counts from the end", () => {
    const g = embedBackward([4, 1, 4], [[1, 1], [2, 2], [3, 3]], 5, { paddingIdx: -1 });
    expect(Array.from(g.data)).toEqual([0, 0, 2, 2, 0, 0, 0, 0, 0, 0]);
  });

  it("learned positions: dtable rows start … start+T−1 receive dy", () => {
    const rng = new Rng(4);
    const table = randn([6, 2], rng);
    const u = randn([3, 2], rng);
    const err = gradientCheck(([t]) => weightedSum(u, learnedPositions(t, 3, 2)), [table], [learnedPositionsBackward(u, 6, 2)]);
    expect(err).toBeLessThan(1e-9);
  });
});
