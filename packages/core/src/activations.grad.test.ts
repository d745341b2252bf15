import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { activationBackward, swigluBackward } from "./activations.grad.js";
import { activate, silu, swiglu, type Activation } from "./activations.js";
import { gradientCheck, weightedSum } from "./gradcheck.js";
import { linear } from "./linear.js";
import { Rng, randn } from "./random.js";

const ACTIVATIONS: Activation[] = ["relu", "gelu", "gelu_tanh", "silu", "sigmoid"];

describe("activation backward", () => {
  it("every activation matches central differences (away from relu's kink)", () => {
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: 1, max: 6 }), (seed, n) => {
        const rng = new Rng(seed);
        const X = randn([2, n], rng, 3);
        for (let i = 0; i < X.size; i++) if (Math.abs(X.data[i]) < 1e-3) X.data[i] += 0.1; // keep off relu's kink
        const u = randn([2, n], rng);
        for (const act of ACTIVATIONS) {
          const err = gradientCheck(([t]) => weightedSum(u, activate(t, act)), [X], [activationBackward(X, u, act)]);
          expect(err, act).toBeLessThan(1e-7);
        }
      }),
      { numRuns: 15 },
    );
  });

  it("relu′(0) = 0, as torch", () => {
    expect(activationBackward([0], [1], "relu").data[0]).toBe(0);
  });

  it("SwiGLU: x, W1, W3, W2 and the gate/up intermediates match central differences", () => {
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 5 }), (seed, T, d, h) => {
        const rng = new Rng(seed);
        const leaves = [randn([T, d], rng), randn([d, h], rng, 0.5), randn([d, h], rng, 0.5), randn([h, d], rng, 0.5)];
        const [uOut, uGate, uUp] = [randn([T, d], rng), randn([T, h], rng), randn([T, h], rng)];
        const loss = ([x, W1, W3, W2]: typeof leaves): number =>
          weightedSum(uOut, swiglu(x, { W1, W3, W2 })) + weightedSum(uGate, silu(linear(x, W1))) + weightedSum(uUp, linear(x, W3));
        const [x, W1, W3, W2] = leaves;
        const g = swigluBackward(x, { W1, W3, W2 }, { output: uOut, gate: uGate, up: uUp });
        expect(gradientCheck(loss, leaves, [g.dx, g.grads.W1, g.grads.W3, g.grads.W2])).toBeLessThan(1e-7);
      }),
      { numRuns: 10 },
    );
  });
});
