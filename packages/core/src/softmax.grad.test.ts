import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gradientCheck, weightedSum } from "./gradcheck.js";
import { Rng, randn } from "./random.js";
import { logSoftmaxBackward, softmaxBackward } from "./softmax.grad.js";
import { logSoftmax, softmax } from "./softmax.js";

const shapes = fc.record({ rows: fc.integer({ min: 1, max: 3 }), n: fc.integer({ min: 1, max: 5 }), seed: fc.nat(), axis: fc.constantFrom(0, -1) });

describe("softmax / log-softmax backward", () => {
  it("match central differences on random shapes, axes and temperatures", () => {
    fc.assert(
      fc.property(shapes, fc.double({ min: 0.3, max: 3, noNaN: true }), ({ rows, n, seed, axis }, temperature) => {
        const rng = new Rng(seed);
        const x = randn([rows, n], rng, 2);
        const u = randn([rows, n], rng);
        const options = { temperature, axis };
        for (const [f, back] of [
          [softmax, softmaxBackward],
          [logSoftmax, logSoftmaxBackward],
        ] as const) {
          const analytic = back(f(x, options), u, options);
          expect(gradientCheck(([t]) => weightedSum(u, f(t, options)), [x], [analytic])).toBeLessThan(1e-7);
        }
      }),
      { numRuns: 20 },
    );
  });

  it("names the upstream when its shape is not the output's", () => {
    expect(() => softmaxBackward(softmax([[1, 2, 3]]), [[1, 2]])).toThrow(/softmaxBackward: argument "dy" must have shape \(1, 3\)/);
  });

  it("a −∞ logit gets gradient 0 through softmax and the upstream through log-softmax (torch)", () => {
    const x = [[0.5, -Infinity, 1]];
    const u = [[0.3, -2, 0.7]];
    expect(Math.abs(softmaxBackward(softmax(x), u).data[1])).toBe(0);
    expect(logSoftmaxBackward(logSoftmax(x), u).data[1]).toBe(-2);
  });
});
