import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ArgumentError, ShapeError } from "./errors.js";
import { crossEntropy, perplexity } from "./losses.js";
import { Rng, randn } from "./random.js";
import { logSoftmax } from "./softmax.js";

describe("crossEntropy", () => {
  it("equals −log softmax at the target, with label smoothing as torch's mixture", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e6 }), fc.double({ min: 0, max: 1, noNaN: true }), (seed, eps) => {
        const rng = new Rng(seed);
        const logits = randn([4, 5], rng, 3);
        const targets = [0, 1, 2, 3].map(() => rng.int(5));
        const r = crossEntropy(logits, targets, { labelSmoothing: eps });
        const lp = logSoftmax(logits);
        let total = 0;
        targets.forEach((t, i) => {
          let smooth = 0;
          for (let c = 0; c < 5; c++) smooth -= lp.get(i, c);
          const want = (1 - eps) * -lp.get(i, t) + (eps / 5) * smooth;
          expect(r.perToken.get(i)).toBeCloseTo(want, 12);
          total += want;
        });
        expect(r.sum).toBeCloseTo(total, 12);
        expect(r.mean).toBeCloseTo(total / 4, 12);
        expect(r.perplexity).toBeCloseTo(Math.exp(total / 4), 8);
      }),
    );
  });

  it("excludes ignored targets from sum and count; all ignored → mean NaN, sum 0", () => {
    const logits = [
      [1, 2],
      [3, 1],
      [0, 0],
    ];
    const some = crossEntropy(logits, [1, -100, 0]);
    expect(some.numCounted).toBe(2);
    expect(some.perToken.get(1)).toBe(0);
    expect(some.mean).toBeCloseTo((some.perToken.get(0) + some.perToken.get(2)) / 2, 15);
    const none = crossEntropy(logits, [-100, -100, -100]);
    expect(Number.isNaN(none.mean)).toBe(true);
    expect(none.sum).toBe(0);
    expect(crossEntropy(logits, [0, 0, 1], { ignoreIndex: 0 }).numCounted).toBe(1);
  });

  it("uniform logits over C classes have perplexity C", () => {
    expect(perplexity(crossEntropy([[0, 0, 0, 0, 0, 0, 0]], [3]).mean)).toBeCloseTo(7, 13);
  });

  it("rejects bad targets and shapes", () => {
    expect(() => crossEntropy([[1, 2]], [2])).toThrow(ArgumentError);
    expect(() => crossEntropy([[1, 2]], [0, 1])).toThrow('crossEntropy: argument "targets" must have shape (N=1), got (2,)');
    expect(() => crossEntropy([1, 2], [0])).toThrow(ShapeError);
    expect(() => crossEntropy([[1, 2]], [0], { labelSmoothing: 2 })).toThrow(/labelSmoothing/);
  });
});
