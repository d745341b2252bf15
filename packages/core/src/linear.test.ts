import { describe, expect, it } from "vitest";
import { linear } from "./linear.js";

describe("linear", () => {
  it("computes x W + b with W stored (in, out)", () => {
    const y = linear([[1, 2]], [[1, 0, 2], [0, 1, 3]], [10, 20, 30]);
    expect(y.toArray()).toEqual([[11, 22, 38]]);
    expect(() => linear([[1, 2]], [[1, 2]])).toThrow('linear: argument "W" must have shape (in=2, out), got (1, 2)');
  });

  it("maps a single vector (in,) to (out,), and batches (B, T, in) to (B, T, out)", () => {
    const W = [[1, 0, 2], [0, 1, 3]];
    expect(linear([1, 2], W, [10, 20, 30]).toArray()).toEqual([11, 22, 38]);
    const y = linear([[[1, 2], [3, 4]]], W);
    expect(y.shape).toEqual([1, 2, 3]);
    expect(y.toArray()).toEqual([[[1, 2, 8], [3, 4, 18]]]);
    expect(() => linear([1, 2, 3], W)).toThrow('linear: argument "W" must have shape (in=3, out), got (2, 3)');
  });
});
