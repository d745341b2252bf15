import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AdamW } from "./adamw.js";
import { maxDiff, named, optimiserCases } from "../fixtures/training/optimisers.js";
import { decayMatricesOnly } from "./optimizer.js";
import { tensor } from "./tensor.js";

describe("AdamW against torch.optim.AdamW", () => {
  const cases = optimiserCases("adamw");
  it("has the fixture's AdamW cases", () => expect(cases.length).toBe(4));
  for (const c of cases) {
    it(c.name, () => {
      const p = c.params as { lr: number; betas?: [number, number]; eps?: number; weight_decay?: number | Record<string, number>; lr_per_step?: number[] };
      const wd = p.weight_decay;
      const opt = new AdamW({
        lr: p.lr,
        betas: p.betas,
        eps: p.eps,
        weightDecay: typeof wd === "object" ? (name) => wd[name] : wd,
      });
      let params = named(c.inputs.params);
      c.inputs.grads.forEach((g, k) => {
        params = opt.step(params, named(g), p.lr_per_step?.[k]);
        expect(maxDiff(params, named(c.expected.params_after_step[k]))).toBeLessThanOrEqual(1e-12);
      });
      expect(opt.stepCount).toBe(c.inputs.grads.length);
    });
  }
});

describe("AdamW", () => {
  it("moves each weight by about lr on the first step, whatever the gradient's scale (bias correction)", () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-3, max: 1e3, noNaN: true }), fc.boolean(), (scale, negative) => {
        const g = negative ? -scale : scale;
        const next = new AdamW({ lr: 0.01, weightDecay: 0 }).step({ w: tensor([1]) }, { w: tensor([g]) });
        // m̂ = g, v̂ = g², so the step is lr·g/(|g| + ε) ≈ ±lr.
        expect(Math.abs(next.w.data[0] - (1 - (0.01 * g) / (Math.abs(g) + 1e-8)))).toBeLessThan(1e-15);
        expect(Math.abs(next.w.data[0] - (1 - 0.01 * Math.sign(g)))).toBeLessThan(0.01 * 1e-5);
      }),
    );
  });

  it("decays weights even with a zero gradient, and only where the rule says (decoupled)", () => {
    const opt = new AdamW({ lr: 0.1, weightDecay: decayMatricesOnly(0.5) });
    const next = opt.step({ W: tensor([[2]]), b: tensor([2]) }, { W: tensor([[0]]), b: tensor([0]) });
    expect(next.W.data[0]).toBeCloseTo(2 * (1 - 0.1 * 0.5), 15);
    expect(next.b.data[0]).toBe(2);
  });

  it("rejects betas outside [0, 1)", () => {
    expect(() => new AdamW({ lr: 0.1, betas: [0.9, 1] })).toThrow(/AdamW: argument "betas\[1\]" must be in \[0, 1\), got 1/);
  });
});
