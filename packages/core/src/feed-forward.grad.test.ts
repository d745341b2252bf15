import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Activation } from "./activations.js";
import { feedForwardBackward } from "./feed-forward.grad.js";
import { feedForward } from "./feed-forward.js";
import { gradientCheck, weightedSum } from "./gradcheck.js";
import { Rng, randn } from "./random.js";

describe("feed-forward backward", () => {
  it("dense (every activation, upstream on output and hidden) and SwiGLU match central differences", () => {
    fc.assert(
      fc.property(fc.nat(), fc.constantFrom<Activation | "swiglu">("relu", "gelu", "gelu_tanh", "silu", "sigmoid", "swiglu"), (seed, act) => {
        const rng = new Rng(seed);
        const [d, dff] = [3, 5];
        const x = randn([2, 2, d], rng);
        const u = { output: randn([2, 2, d], rng), hidden: randn([2, 2, dff], rng) };
        if (act === "swiglu") {
          const leaves = [x, randn([d, dff], rng), randn([d, dff], rng), randn([dff, d], rng)];
          const loss = ([t, W1, W3, W2]: typeof leaves): number => {
            const r = feedForward(t, { kind: "swiglu", W1, W3, W2 });
            return weightedSum(u.output, r.output) + weightedSum(u.hidden, r.hidden);
          };
          const g = feedForwardBackward(x, { kind: "swiglu", W1: leaves[1], W3: leaves[2], W2: leaves[3] }, u);
          expect(gradientCheck(loss, leaves, [g.dx, g.grads.W1, g.grads.W3!, g.grads.W2])).toBeLessThan(1e-7);
          return;
        }
        const leaves = [x, randn([d, dff], rng), randn([dff], rng), randn([dff, d], rng), randn([d], rng)];
        const loss = ([t, W1, b1, W2, b2]: typeof leaves): number => {
          const r = feedForward(t, { kind: "dense", activation: act, W1, b1, W2, b2 });
          return weightedSum(u.output, r.output) + weightedSum(u.hidden, r.hidden);
        };
        const [, W1, b1, W2, b2] = leaves;
        const g = feedForwardBackward(x, { kind: "dense", activation: act, W1, b1, W2, b2 }, u);
        expect(gradientCheck(loss, leaves, [g.dx, g.grads.W1, g.grads.b1!, g.grads.W2, g.grads.b2!])).toBeLessThan(1e-6);
      }),
      { numRuns: 18 },
    );
  });
});
