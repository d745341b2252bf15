import { describe, expect, it } from "vitest";
import { linear } from "./linear.js";

describe("linear", () => {
  it("computes x W + b with W stored (in, out)", () => {
    const y = linear([[1, 2]], [[1, 0, 2], [0, 1, 3]], [10, 20, 30]);
    expect(y.toArray()).toEqual([[11, 22, 38]]);
    expect(() => linear([[1, 2]], [[1, 2]])).toThrow('linear: argument "W" must have shape (in=2, out), got (1, 2)');
  });
});
