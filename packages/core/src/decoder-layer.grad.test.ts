import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decoderLayerBackward } from "./decoder-layer.grad.js";
import { decoderLayer, initDecoderLayer } from "./decoder-layer.js";
import { gradientCheck, gradientCheckTree, weightedSum } from "./gradcheck.js";
import { Rng, randn } from "./random.js";

describe("decoder layer backward", () => {
  it("tgt, memory and every weight match central differences (causal or no self mask, memory padding)", () => {
    fc.assert(
      fc.property(fc.nat(), fc.constantFrom("pre", "post"), fc.constantFrom("relu", "gelu"), fc.boolean(), (seed, norm, activation, masked) => {
        const rng = new Rng(seed);
        const config = { numHeads: 2, activation, norm } as const;
        const weights = initDecoderLayer({ ...config, dModel: 4, ffnHidden: 6 }, rng, 0.5);
        weights.norm2 = { gamma: randn([4], rng, 0.3), beta: randn([4], rng, 0.3) };
        const [tgt, memory] = [randn([2, 3, 4], rng), randn([2, 2, 4], rng)];
        const masks = masked ? { tgtMask: "none" as const, memoryKeyPaddingMask: [[false, true], [false, false]] } : {};
        const u = randn([2, 3, 4], rng);
        const run = (t: typeof tgt, m: typeof memory, w: typeof weights): number => weightedSum(u, decoderLayer(t, m, w, config, masks).output);
        const g = decoderLayerBackward(tgt, memory, weights, config, u, masks);
        expect(gradientCheck(([t, m]) => run(t, m, weights), [tgt, memory], [g.dTgt, g.dMemory])).toBeLessThan(1e-6);
        expect(gradientCheckTree((w) => run(tgt, memory, w), weights, g.grads)).toBeLessThan(1e-6);
      }),
      { numRuns: 5 },
    );
  });
});
