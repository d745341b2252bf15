import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { encoderLayerBackward } from "./encoder-layer.grad.js";
import { encoderLayer, initEncoderLayer, type EncoderLayerWeights } from "./encoder-layer.js";
import { gradientCheck, gradientCheckTree, weightedSum } from "./gradcheck.js";
import { causalMask } from "./masks.js";
import { Rng, randn } from "./random.js";

describe("encoder layer backward", () => {
  it("pre/post norm, relu/gelu, masks: src and every weight match central differences", () => {
    fc.assert(
      fc.property(fc.nat(), fc.constantFrom("pre", "post"), fc.constantFrom("relu", "gelu"), fc.boolean(), (seed, norm, activation, masked) => {
        const rng = new Rng(seed);
        const config = { numHeads: 2, activation, norm } as const;
        const weights: EncoderLayerWeights = initEncoderLayer({ ...config, dModel: 4, ffnHidden: 6 }, rng, 0.5);
        weights.norm1 = { gamma: randn([4], rng, 0.3), beta: randn([4], rng, 0.3) };
        const src = randn([2, 3, 4], rng);
        const masks = masked ? { srcMask: causalMask(3), srcKeyPaddingMask: [[false, true, false], [false, false, true]] } : {};
        const u = randn([2, 3, 4], rng);
        const g = encoderLayerBackward(src, weights, config, u, masks);
        expect(gradientCheck(([x]) => weightedSum(u, encoderLayer(x, weights, config, masks).output), [src], [g.dSrc])).toBeLessThan(1e-6);
        expect(gradientCheckTree((w) => weightedSum(u, encoderLayer(src, w, config, masks).output), weights, g.grads)).toBeLessThan(1e-6);
      }),
      { numRuns: 6 },
    );
  });
});
