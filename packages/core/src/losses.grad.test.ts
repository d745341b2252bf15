import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gradientCheck, weightedSum } from "./gradcheck.js";
import { crossEntropyBackward } from "./losses.grad.js";
import { crossEntropy } from "./losses.js";
import { Rng, randn } from "./random.js";

describe("cross-entropy backward", () => {
  it("mean, sum, per-token and perplexity upstreams with ignore_index and label smoothing match central differences", () => {
    fc.assert(
      fc.property(
        fc.nat(),
        fc.integer({ min: 2, max: 5 }),
        fc.array(fc.integer({ min: -1, max: 4 }), { minLength: 1, maxLength: 4 }),
        fc.constantFrom(0, 0.1, 0.3),
        (seed, C, rawTargets, labelSmoothing) => {
          const targets: number[] = rawTargets.map((t) => (t < 0 ? -100 : t % C)); // -100: ignored
          if (!targets.some((t) => t !== -100)) targets[0] = 0; // at least one counted token
          const rng = new Rng(seed);
          const logits = randn([targets.length, C], rng, 2);
          const up = { mean: 0.7, sum: -0.4, perplexity: 0.05, perToken: randn([targets.length], rng) };
          const options = { labelSmoothing };
          const loss = ([t]: typeof logits[]): number => {
            const r = crossEntropy(t, targets, options);
            return up.mean * r.mean + up.sum * r.sum + up.perplexity * r.perplexity + weightedSum(up.perToken, r.perToken);
          };
          const analytic = crossEntropyBackward(logits, targets, up, options);
          expect(gradientCheck(loss, [logits], [analytic])).toBeLessThan(1e-7);
          targets.forEach((t, i) => {
            if (t === -100) for (let c = 0; c < C; c++) expect(analytic.data[i * C + c]).toBe(0);
          });
        },
      ),
      { numRuns: 20 },
    );
  });
});
