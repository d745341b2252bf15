import { describe, expect, it } from "vitest";
import { activate, swiglu } from "./activations.js";
import { ArgumentError, ShapeError } from "./errors.js";
import { feedForward } from "./feed-forward.js";
import { linear } from "./linear.js";
import { Rng, randn } from "./random.js";

describe("feedForward", () => {
  const rng = new Rng(8);
  const x = randn([2, 3, 4], rng);
  const W1 = randn([4, 16], rng);
  const b1 = randn([16], rng);
  const W2 = randn([16, 4], rng);
  const b2 = randn([4], rng);

  it("is act(x W1 + b1) W2 + b2 for relu / gelu / gelu_tanh", () => {
    for (const act of ["relu", "gelu", "gelu_tanh"] as const) {
      const r = feedForward(x, { kind: "dense", activation: act, W1, b1, W2, b2 });
      const hidden = activate(linear(x, W1, b1), act);
      expect(r.hidden.toArray()).toEqual(hidden.toArray());
      const want = linear(hidden, W2, b2);
      for (let k = 0; k < want.size; k++) expect(r.output.data[k]).toBeCloseTo(want.data[k], 13);
    }
  });

  it("swiglu uses the gated weights", () => {
    const W3 = randn([4, 16], rng);
    const r = feedForward(x, { kind: "swiglu", W1, W3, W2 });
    expect(r.output.toArray()).toEqual(swiglu(x, { W1, W3, W2 }).toArray());
    expect(() => feedForward(x, { kind: "swiglu", W1, W2 } as never)).toThrow(ArgumentError);
    expect(() => feedForward(x, { kind: "dense", activation: "relu", W1, W3, W2 } as never)).toThrow(/only used with kind "swiglu"/);
  });

  it("names bad weight shapes", () => {
    expect(() => feedForward(x, { kind: "dense", activation: "relu", W1, b1: randn([15], rng), W2 })).toThrow('feedForward: argument "b1" must have shape (16), got (15,)');
    expect(() => feedForward(x, { kind: "dense", activation: "gelu", W1, W2: randn([15, 4], rng) })).toThrow(ShapeError);
  });
});
