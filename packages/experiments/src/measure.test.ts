import { describe, expect, it } from "vitest";
import { bitwiseEqual, entropy, fmt, increasing, logLogSlope, maxAbsDiff, mean, variance } from "./measure.js";

describe("measure", () => {
  it("mean, population variance and entropy", () => {
    expect(mean([1, 2, 3, 6])).toBe(3);
    expect(variance([1, 2, 3, 6])).toBe(3.5);
    expect(entropy([0.5, 0.5, 0])).toBeCloseTo(Math.log(2), 15);
    expect(entropy([1, 0])).toBe(0);
  });

  it("log-log slope recovers the exponent of a power law", () => {
    const xs = [2, 4, 8, 16];
    expect(logLogSlope(xs, xs.map((x) => 3 * x ** 2))).toBeCloseTo(2, 12);
    expect(logLogSlope(xs, xs.map((x) => x))).toBeCloseTo(1, 12);
    expect(() => logLogSlope([1], [1])).toThrow(RangeError);
  });

  it("bitwise equality distinguishes -0, NaN and rounding; maxAbsDiff checks lengths", () => {
    expect(bitwiseEqual([1, NaN], [1, NaN])).toBe(true);
    expect(bitwiseEqual([0], [-0])).toBe(false);
    expect(bitwiseEqual([0.1 + 0.2], [0.3])).toBe(false);
    expect(maxAbsDiff([1, 2], [1.5, 2])).toBe(0.5);
    expect(() => maxAbsDiff([1], [1, 2])).toThrow(/lengths differ/);
  });

  it("formats integers exactly and other numbers to 4 significant digits", () => {
    expect(fmt(16384)).toBe("16384");
    expect(fmt(0)).toBe("0");
    expect(fmt(1.23456)).toBe("1.235");
    expect(fmt(2.5e-7)).toBe("2.50e-7");
    expect(fmt(1234567.5)).toBe("1.23e+6");
    expect(increasing([1, 2, 3])).toBe(true);
    expect(increasing([1, 1, 3])).toBe(false);
  });
});
