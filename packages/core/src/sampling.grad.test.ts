import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gradientCheck, weightedSum } from "./gradcheck.js";
import { Rng, randn } from "./random.js";
import { processLogitsBackward } from "./sampling.grad.js";
import { applyTemperature, processLogits } from "./sampling.js";

describe("logits pipeline backward", () => {
  it("temperature, top-k and top-p: kept logits match central differences, removed ones get 0", () => {
    fc.assert(
      fc.property(fc.nat(), fc.double({ min: 0.5, max: 2, noNaN: true }), fc.integer({ min: 1, max: 5 }), fc.double({ min: 0.3, max: 1, noNaN: true }), (seed, temperature, topK, topP) => {
        const rng = new Rng(seed);
        const logits = randn([2, 6], rng, 2);
        const options = { temperature, topK, topP };
        const { filtered, keptMask } = processLogits(logits, options);
        const up = { scaled: randn([2, 6], rng), probs: randn([2, 6], rng) };
        // The selection must not flip under a finite-difference probe: skip draws near a kept/removed boundary.
        const sameSelection = (i: number, h: number): boolean => {
          const probe = logits.clone();
          probe.data[i] += h;
          return processLogits(probe, options).keptMask.data.every((v, j) => v === keptMask.data[j]);
        };
        fc.pre([...logits.data.keys()].every((i) => sameSelection(i, 1e-5) && sameSelection(i, -1e-5)));
        const loss = ([l]: (typeof logits)[]): number =>
          weightedSum(up.scaled, applyTemperature(l, temperature)) + weightedSum(up.probs, processLogits(l, options).probs);
        const analytic = processLogitsBackward(filtered, up, temperature);
        expect(gradientCheck(loss, [logits], [analytic])).toBeLessThan(1e-7);
      }),
      { numRuns: 25 },
    );
  });
});
