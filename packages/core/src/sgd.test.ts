import { describe, expect, it } from "vitest";
import { ArgumentError } from "./errors.js";
import { maxDiff, named, optimiserCases } from "../fixtures/training/optimisers.js";
import { Sgd } from "./sgd.js";
import { tensor } from "./tensor.js";

describe("Sgd against torch.optim.SGD", () => {
  const cases = optimiserCases("sgd");
  it("has the fixture's SGD cases", () => expect(cases.length).toBe(4));
  for (const c of cases) {
    it(c.name, () => {
      const p = c.params as { lr: number; momentum?: number; dampening?: number; weight_decay?: number; nesterov?: boolean };
      const opt = new Sgd({ lr: p.lr, momentum: p.momentum, dampening: p.dampening, weightDecay: p.weight_decay, nesterov: p.nesterov });
      let params = named(c.inputs.params);
      c.inputs.grads.forEach((g, k) => {
        params = opt.step(params, named(g));
        expect(maxDiff(params, named(c.expected.params_after_step[k]))).toBeLessThanOrEqual(1e-12);
      });
    });
  }
});

describe("Sgd", () => {
  it("does not modify its inputs", () => {
    const params = { w: tensor([1, 2]) };
    const grads = { w: tensor([0.5, -1]) };
    const next = new Sgd({ lr: 0.1, momentum: 0.9 }).step(params, grads);
    expect(Array.from(params.w.data)).toEqual([1, 2]);
    expect(Array.from(grads.w.data)).toEqual([0.5, -1]);
    expect(Array.from(next.w.data)).toEqual([1 - 0.1 * 0.5, 2 + 0.1]);
  });

  it("names the parameter whose gradient is missing or misshapen", () => {
    const opt = new Sgd({ lr: 0.1 });
    expect(() => opt.step({ w: tensor([1]), b: tensor([1]) }, { w: tensor([1]) })).toThrow(/Sgd.step: argument "grads" is missing the gradient of "b"/);
    expect(() => opt.step({ w: tensor([1]) }, { w: tensor([1, 2]) })).toThrow(/"w" must have shape \(1\) like its parameter, got \(2\)/);
    expect(() => opt.step({ w: tensor([1]) }, { w: tensor([1]), v: tensor([1]) })).toThrow(/has "v", which is not a parameter/);
  });

  it("rejects Nesterov without momentum and a negative learning rate", () => {
    expect(() => new Sgd({ lr: 0.1, nesterov: true })).toThrow(ArgumentError);
    expect(() => new Sgd({ lr: -1 })).toThrow(/argument "lr" must be a finite number ≥ 0, got -1/);
  });
});
