import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ArgumentError } from "./errors.js";
import { sinusoidalEncoding } from "./positional-encoding.js";

describe("sinusoidalEncoding", () => {
  it("PE[p, 2i] = sin(p / 10000^(2i/d)), PE[p, 2i+1] = cos(…)", () => {
    const pe = sinusoidalEncoding([0, 3, 4999], 8);
    expect(pe.shape).toEqual([3, 8]);
    expect(Array.from(pe.data.slice(0, 8))).toEqual([0, 1, 0, 1, 0, 1, 0, 1]);
    for (let i = 0; i < 4; i++) {
      expect(pe.get(1, 2 * i)).toBeCloseTo(Math.sin(3 / 10000 ** ((2 * i) / 8)), 15);
      expect(pe.get(2, 2 * i + 1)).toBeCloseTo(Math.cos(4999 / 10000 ** ((2 * i) / 8)), 12);
    }
  });

  it("PE[p + k] is a fixed rotation of PE[p] in every (sin, cos) pair", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 50 }), (p, k) => {
        const [a, b, shift] = [sinusoidalEncoding([p], 6), sinusoidalEncoding([p + k], 6), sinusoidalEncoding([k], 6)];
        for (let i = 0; i < 3; i++) {
          const [s, c] = [a.data[2 * i], a.data[2 * i + 1]];
          const [sk, ck] = [shift.data[2 * i], shift.data[2 * i + 1]];
          expect(b.data[2 * i]).toBeCloseTo(s * ck + c * sk, 10);
          expect(b.data[2 * i + 1]).toBeCloseTo(c * ck - s * sk, 10);
        }
      }),
    );
  });

  it("accepts a count and rejects bad sizes", () => {
    expect(sinusoidalEncoding(3, 4).toArray()).toEqual(sinusoidalEncoding([0, 1, 2], 4).toArray());
    expect(() => sinusoidalEncoding(3, 0)).toThrow(ArgumentError);
    expect(() => sinusoidalEncoding([NaN], 4)).toThrow(/positions/);
  });
});
