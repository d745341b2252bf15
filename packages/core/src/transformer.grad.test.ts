import { describe, expect, it } from "vitest";
import { gradientCheck, gradientCheckTree, weightedSum } from "./gradcheck.js";
import { Rng, randn } from "./random.js";
import { transformerBackward } from "./transformer.grad.js";
import { initTransformer, transformer } from "./transformer.js";

describe("transformer backward", () => {
  for (const norm of ["pre", "post"] as const) {
    it(`${norm}-norm: src, tgt and every weight match central differences (memory feeds every decoder layer)`, () => {
      const rng = new Rng(norm === "pre" ? 1 : 2);
      const config = { numHeads: 2, activation: "gelu", norm } as const;
      const weights = initTransformer({ ...config, dModel: 4, ffnHidden: 6, numEncoderLayers: 2, numDecoderLayers: 2 }, rng, 0.5);
      const [src, tgt] = [randn([1, 3, 4], rng), randn([1, 2, 4], rng)];
      const up = { output: randn([1, 2, 4], rng), memory: randn([1, 3, 4], rng) };
      const loss = (s: typeof src, t: typeof tgt, w: typeof weights): number => {
        const r = transformer(s, t, w, config, { tgtMask: "causal" });
        return weightedSum(up.output, r.output) + weightedSum(up.memory, r.memory);
      };
      const g = transformerBackward(src, tgt, weights, config, up, { tgtMask: "causal" });
      expect(gradientCheck(([s, t]) => loss(s, t, weights), [src, tgt], [g.dSrc, g.dTgt])).toBeLessThan(1e-6);
      expect(gradientCheckTree((w) => loss(src, tgt, w), weights, g.grads)).toBeLessThan(1e-6);
    });
  }
});
