import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ArgumentError, ShapeError } from "./errors.js";
import { add, argmax, concat, div, map, max, mean, mul, scale, slice, sub, sum, transpose } from "./ops.js";
import { Rng, randn } from "./random.js";
import { Tensor } from "./tensor.js";

describe("ops", () => {
  it("broadcasting add agrees with explicit indexing", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 4 }), (seed, A, B, C) => {
        const rng = new Rng(seed);
        const x = randn([A, B, C], rng);
        const y = randn([B, 1], rng);
        const z = add(x, y);
        expect(z.shape).toEqual([A, B, C]);
        for (let a = 0; a < A; a++) for (let b = 0; b < B; b++) for (let c = 0; c < C; c++) expect(z.get(a, b, c)).toBe(x.get(a, b, c) + y.get(b, 0));
        const w = mul(randn([A, 1, C], rng), randn([1, B, 1], rng));
        expect(w.shape).toEqual([A, B, C]);
      }),
    );
  });

  it("scalar operands, sub/div/map/scale", () => {
    expect(sub([[3, 4]], 1).toArray()).toEqual([[2, 3]]);
    expect(div(1, [2, 4]).toArray()).toEqual([0.5, 0.25]);
    expect(map([1, 4], Math.sqrt).toArray()).toEqual([1, 2]);
    expect(scale([1, -2], 3).toArray()).toEqual([3, -6]);
    expect(() => add([[1, 2, 3]], [1, 2])).toThrow(ShapeError);
    const x32 = Tensor.from([1, 2], "float32");
    expect(add(x32, 1).dtype).toBe("float32");
    expect(mul(2, x32).dtype).toBe("float32");
    expect(add(x32, [1, 2]).dtype).toBe("float64");
  });

  it("transpose swaps the last two axes by default and inverts under the inverse permutation", () => {
    const x = randn([2, 3, 4], new Rng(1));
    const t = transpose(x);
    expect(t.shape).toEqual([2, 4, 3]);
    expect(t.get(1, 3, 2)).toBe(x.get(1, 2, 3));
    const p = transpose(x, [2, 0, 1]);
    expect(p.shape).toEqual([4, 2, 3]);
    expect(transpose(p, [1, 2, 0]).toArray()).toEqual(x.toArray());
    expect(() => transpose(x, [0, 0, 1])).toThrow(ArgumentError);
  });

  it("reductions over any axis", () => {
    const x = Tensor.from([
      [1, 5, 3],
      [4, 2, 6],
    ]);
    expect(sum(x).toArray()).toEqual([9, 12]);
    expect(sum(x, 0).toArray()).toEqual([5, 7, 9]);
    expect(mean(x, 1, true).toArray()).toEqual([[3], [4]]);
    expect(max(x, 0).toArray()).toEqual([4, 5, 6]);
    expect(argmax(x).toArray()).toEqual([1, 2]);
    expect(argmax([2, 7, 7]).toArray()).toBe(1);
    expect(Number.isNaN(max([1, NaN, 3]).data[0])).toBe(true);
  });

  it("concat and slice are inverse", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 4 }), (seed, axis, cut) => {
        const x = randn([4, 4, 4], new Rng(seed));
        const back = concat([slice(x, axis, 0, cut), slice(x, axis, cut)], axis);
        expect(back.toArray()).toEqual(x.toArray());
      }),
    );
    expect(slice([1, 2, 3, 4], 0, -2).toArray()).toEqual([3, 4]);
    expect(() => concat([[[1, 2]], [[1, 2, 3]]], 0)).toThrow('concat: argument "xs[1]" must have shape (n, 2), got (1, 3)');
  });
});
