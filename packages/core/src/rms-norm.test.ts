import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Rng, randn } from "./random.js";
import { rmsNorm, rootMeanSquare } from "./rms-norm.js";

describe("rmsNorm", () => {
  it("output has root-mean-square 1 (eps 0, g = 1) and scales by g", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 1, max: 16 }), (seed, d) => {
        const x = randn([2, d], new Rng(seed), 3);
        const y = rmsNorm(x, { eps: 0 });
        const r = rootMeanSquare(y, 0);
        for (let i = 0; i < 2; i++) expect(Math.abs(r.get(i) - 1)).toBeLessThan(1e-12);
      }),
    );
    const g = [2, 3];
    const y = rmsNorm([[3, 4]], { g, eps: 0 });
    const rms = Math.sqrt((9 + 16) / 2);
    expect(y.get(0, 0)).toBeCloseTo((3 / rms) * 2, 15);
    expect(y.get(0, 1)).toBeCloseTo((4 / rms) * 3, 15);
  });

  it("keeps a zero row at zero and checks g", () => {
    expect(Array.from(rmsNorm([[0, 0, 0]]).data)).toEqual([0, 0, 0]);
    expect(() => rmsNorm([[1, 2]], { g: [1, 2, 3] })).toThrow('rmsNorm: argument "g" must have shape (d=2), got (3,)');
  });
});
