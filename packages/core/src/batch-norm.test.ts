import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { batchNorm } from "./batch-norm.js";
import { ArgumentError, ShapeError } from "./errors.js";
import { Rng, randn } from "./random.js";

describe("batchNorm", () => {
  it("before the affine part, every channel has mean 0 and variance 1 over the batch and time axes", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 2, max: 6 }), (seed, B, T) => {
        const C = 5;
        const x = randn([B, T, C], new Rng(seed), 3);
        const y = batchNorm(x, { eps: 0 });
        for (let c = 0; c < C; c++) {
          const col = Array.from({ length: B * T }, (_, r) => y.data[r * C + c]);
          const m = col.reduce((a, b) => a + b) / col.length;
          const v = col.reduce((a, b) => a + (b - m) ** 2, 0) / col.length;
          expect(Math.abs(m)).toBeLessThan(1e-12);
          expect(Math.abs(v - 1)).toBeLessThan(1e-10);
        }
      }),
    );
  });

  it("matches the formula with γ, β and eps on a hand-sized case", () => {
    // channel 0: values 1, 3 → μ = 2, σ² = 1; channel 1: 2, 2 → σ² = 0, so it maps to β (eps keeps it finite).
    const y = batchNorm([[[1, 2]], [[3, 2]]], { gamma: [2, 5], beta: [0.5, -1] });
    const r = 1 / Math.sqrt(1 + 1e-5);
    expect(Array.from(y.data)).toEqual([-1 * r * 2 + 0.5, -1, 1 * r * 2 + 0.5, -1]);
    const e = batchNorm([[[1, 0]], [[3, 0]]], { eps: 1 });
    expect(e.data[0]).toBeCloseTo(-1 / Math.sqrt(2), 15);
  });

  it("an output depends on the other sequences of the batch", () => {
    const rng = new Rng(1);
    const s = randn([3, 4], rng).toArray() as number[][];
    const a = batchNorm([s, randn([3, 4], rng).toArray() as number[][]]);
    const b = batchNorm([s, randn([3, 4], rng).toArray() as number[][]]);
    expect(Math.abs(a.data[0] - b.data[0])).toBeGreaterThan(1e-3);
  });

  it("names the argument and shape on bad input", () => {
    expect(() => batchNorm([1, 2, 3])).toThrow(ShapeError);
    expect(() => batchNorm([[1, 2]], { gamma: [1, 2, 3] })).toThrow(/gamma/);
    expect(() => batchNorm([[1, 2]], { eps: -1 })).toThrow(ArgumentError);
  });
});
