import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gradientCheck, weightedSum } from "./gradcheck.js";
import { layerNormBackward } from "./layer-norm.grad.js";
import { layerNorm } from "./layer-norm.js";
import { linearBackward } from "./linear.grad.js";
import { linear } from "./linear.js";
import { add } from "./ops.js";
import { Rng, randn } from "./random.js";
import { residualBackward } from "./residual.grad.js";
import { residual, type NormPlacement } from "./residual.js";
import type { Tensor } from "./tensor.js";

describe("residual backward", () => {
  it("pre, post and sandwich placements match central differences", () => {
    fc.assert(
      fc.property(fc.nat(), fc.constantFrom<NormPlacement>("pre", "post", "sandwich"), (seed, placement) => {
        const rng = new Rng(seed);
        const x = randn([3, 4], rng);
        const W = randn([4, 4], rng, 0.5);
        const [g1, g2] = [randn([4], rng, 0.3), randn([4], rng, 0.3)];
        const u = randn([3, 4], rng);
        const f = (h: Tensor): Tensor => linear(h, W);
        const n = (h: Tensor): Tensor => layerNorm(h, { gamma: g1 });
        const m = (h: Tensor): Tensor => layerNorm(h, { gamma: g2 });
        // The pullbacks at the inputs each part saw in the forward pass.
        const sublayerIn = placement === "post" ? x : n(x);
        const normIn = placement === "post" ? add(x, f(x)) : x;
        const back = {
          sublayer: (dy: Tensor) => linearBackward(sublayerIn, W, dy).dx,
          norm: (dy: Tensor) => layerNormBackward(normIn, dy, { gamma: g1 }).dx,
          postNorm: (dy: Tensor) => layerNormBackward(f(n(x)), dy, { gamma: g2 }).dx,
        };
        const dx = residualBackward(u, placement, back);
        const loss = ([t]: Tensor[]): number => weightedSum(u, residual(t, f, n, placement, placement === "sandwich" ? m : undefined));
        expect(gradientCheck(loss, [x], [dx])).toBeLessThan(1e-7);
      }),
      { numRuns: 12 },
    );
  });
});
