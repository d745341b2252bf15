import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ArgumentError, ShapeError } from "./errors.js";
import { layerNorm, layerNormStats } from "./layer-norm.js";
import { Rng, randn } from "./random.js";

describe("layerNorm", () => {
  it("before the affine part, every row has mean 0 and variance 1", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 2, max: 16 }), fc.double({ min: 0.01, max: 1000, noNaN: true }), (seed, d, spread) => {
        const rng = new Rng(seed);
        const x = randn([3, d], rng, spread);
        const y = layerNorm(x, { eps: 0 });
        for (let r = 0; r < 3; r++) {
          let m = 0;
          for (let j = 0; j < d; j++) m += y.get(r, j);
          m /= d;
          let v = 0;
          for (let j = 0; j < d; j++) v += (y.get(r, j) - m) ** 2;
          v /= d;
          expect(Math.abs(m)).toBeLessThan(1e-12);
          expect(Math.abs(v - 1)).toBeLessThan(1e-10);
        }
      }),
    );
  });

  it("applies γ and β after normalising, and maps a constant row to β", () => {
    const rng = new Rng(2);
    const x = randn([2, 4], rng);
    const gamma = randn([4], rng);
    const beta = randn([4], rng);
    const plain = layerNorm(x);
    const affine = layerNorm(x, { gamma, beta });
    for (let k = 0; k < 8; k++) expect(affine.data[k]).toBeCloseTo(plain.data[k] * gamma.data[k % 4] + beta.data[k % 4], 14);
    expect(Array.from(layerNorm([[5, 5, 5, 5]], { gamma, beta }).data)).toEqual(Array.from(beta.data));
  });

  it("gives the biased variance and keeps precision for values around 1e6", () => {
    const { mean, variance } = layerNormStats([[1e6, 1e6 + 1, 1e6 + 2, 1e6 + 3]]);
    expect(mean.get(0)).toBe(1e6 + 1.5);
    expect(variance.get(0)).toBe(1.25);
  });

  it("names shapes and options in errors", () => {
    expect(() => layerNorm([[1, 2, 3]], { gamma: [1, 1] })).toThrow('layerNorm: argument "gamma" must have shape (d=3), got (2,)');
    expect(() => layerNorm([[1, 2, 3]], { eps: -1 })).toThrow(ArgumentError);
    expect(() => layerNorm(2)).toThrow(ShapeError);
  });
});
