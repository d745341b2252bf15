import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { float16Bits, float16Value, roundToFloat16 } from "./float16.js";

describe("float16", () => {
  it("round-trips every one of the 65536 bit patterns (NaNs to NaN)", () => {
    const wrong: number[] = [];
    for (let bits = 0; bits < 0x10000; bits++) {
      const v = float16Value(bits);
      const ok = Number.isNaN(v) ? (bits & 0x7c00) === 0x7c00 && (bits & 0x3ff) !== 0 : float16Bits(v) === bits;
      if (!ok) wrong.push(bits);
    }
    expect(wrong).toEqual([]);
  });

  it("rounds to the nearest representable value, ties to even", () => {
    fc.assert(
      fc.property(fc.double({ min: -65504, max: 65504, noNaN: true }), (x) => {
        const r = roundToFloat16(x);
        const bits = float16Bits(x);
        // Neighbours of the chosen value: nothing representable is closer to x.
        for (const nb of [float16Value(bits + 1), float16Value(bits - 1)]) {
          if (Number.isFinite(nb)) expect(Math.abs(x - r)).toBeLessThanOrEqual(Math.abs(x - nb));
        }
      }),
    );
    expect(roundToFloat16(1 + 2 ** -11)).toBe(1); // halfway, 1 has the even mantissa
    expect(roundToFloat16(1 + 3 * 2 ** -11)).toBe(1 + 2 ** -9);
    expect(roundToFloat16(65519.99)).toBe(65504);
    expect(roundToFloat16(65520)).toBe(Infinity);
    expect(roundToFloat16(2 ** -25)).toBe(0);
    expect(Object.is(roundToFloat16(-0), -0)).toBe(true);
  });
});
