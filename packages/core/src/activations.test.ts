import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { activate, erf, gelu, geluTanh, relu, sigmoid, silu, swiglu } from "./activations.js";
import { ArgumentError, ShapeError } from "./errors.js";
import { Rng, randn } from "./random.js";

/** Maclaurin series erf(x) = 2/√π Σ (−1)^n x^(2n+1) / (n! (2n+1)), accurate to ~1e-15 for |x| ≤ 2. */
function erfSeries(x: number): number {
  let term = x;
  let s = x;
  for (let n = 1; n < 80; n++) {
    term *= (-x * x) / n;
    s += term / (2 * n + 1);
  }
  return (2 / Math.sqrt(Math.PI)) * s;
}

/** Continued fraction for erfc(x), x ≥ 3 (Lentz), accurate to ~1e-15 relative. */
function erfcContinuedFraction(x: number): number {
  let f = 0;
  for (let k = 60; k >= 1; k--) f = (k / 2) / (x + f);
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / (x + f);
}

describe("erf", () => {
  it("matches the Maclaurin series to ≤ 1e-15 relative on |x| ≤ 2", () => {
    fc.assert(
      fc.property(fc.double({ min: -2, max: 2, noNaN: true }), (x) => {
        const want = erfSeries(x);
        const err = Math.abs(erf(x) - want);
        expect(err).toBeLessThanOrEqual(2e-15 * Math.abs(want) + 1e-300);
      }),
    );
  });

  it("matches the erfc continued fraction in the tail and is odd, bounded, monotone", () => {
    for (let x = 3; x < 6; x += 0.173) expect(Math.abs(1 - erf(x) - erfcContinuedFraction(x))).toBeLessThan(1e-16);
    fc.assert(
      fc.property(fc.double({ min: -30, max: 30, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (x, d) => {
        expect(erf(-x)).toBe(-erf(x));
        expect(Math.abs(erf(x))).toBeLessThanOrEqual(1);
        expect(erf(x + d)).toBeGreaterThanOrEqual(erf(x));
      }),
    );
    expect(erf(Infinity)).toBe(1);
    expect(Number.isNaN(erf(NaN))).toBe(true);
  });
});

describe("activations", () => {
  it("gelu = x Φ(x), gelu_tanh ≈ gelu, silu = x σ(x), relu", () => {
    fc.assert(
      fc.property(fc.double({ min: -20, max: 20, noNaN: true }), (x) => {
        const g = gelu([x]).data[0];
        expect(g).toBeCloseTo(0.5 * x * (1 + erf(x / Math.SQRT2)), 14);
        expect(Math.abs(geluTanh([x]).data[0] - g)).toBeLessThan(1e-3);
        expect(silu([x]).data[0]).toBeCloseTo(x * sigmoid([x]).data[0], 14);
        expect(relu([x]).data[0]).toBe(Math.max(0, x));
      }),
    );
  });

  it("sigmoid is stable at ±50 and symmetric", () => {
    const [lo, hi] = sigmoid([-50, 50]).data;
    expect(lo).toBeCloseTo(Math.exp(-50), 35);
    expect(Math.abs(lo / Math.exp(-50) - 1)).toBeLessThan(1e-14);
    expect(hi).toBe(1);
    fc.assert(
      fc.property(fc.double({ min: -40, max: 40, noNaN: true }), (x) => {
        expect(Math.abs(sigmoid([x]).data[0] + sigmoid([-x]).data[0] - 1)).toBeLessThanOrEqual(4.5e-16); // two ulps of 1
      }),
    );
  });

  it("follows torch on non-finite inputs (gelu(−∞) = silu(−∞) = NaN, relu(NaN) = NaN)", () => {
    expect(Number.isNaN(gelu([-Infinity]).data[0])).toBe(true);
    expect(Number.isNaN(silu([-Infinity]).data[0])).toBe(true);
    expect(Number.isNaN(relu([NaN]).data[0])).toBe(true);
    expect(sigmoid([-Infinity, Infinity]).toArray()).toEqual([0, 1]);
  });

  it("activate dispatches by name and rejects unknown names", () => {
    const x = randn([3], new Rng(1));
    expect(activate(x, "gelu_tanh").toArray()).toEqual(geluTanh(x).toArray());
    expect(() => activate(x, "tanh" as never)).toThrow(ArgumentError);
  });

  it("swiglu = (silu(x W1) ⊙ x W3) W2 with named shape errors", () => {
    const rng = new Rng(4);
    const x = randn([2, 3], rng);
    const W1 = randn([3, 4], rng);
    const W3 = randn([3, 4], rng);
    const W2 = randn([4, 3], rng);
    const y = swiglu(x, { W1, W3, W2 });
    for (let i = 0; i < 2; i++) for (let o = 0; o < 3; o++) {
      let want = 0;
      for (let h = 0; h < 4; h++) {
        let a = 0;
        let b = 0;
        for (let k = 0; k < 3; k++) {
          a += x.get(i, k) * W1.get(k, h);
          b += x.get(i, k) * W3.get(k, h);
        }
        want += (a / (1 + Math.exp(-a))) * b * W2.get(h, o);
      }
      expect(y.get(i, o)).toBeCloseTo(want, 13);
    }
    expect(() => swiglu(x, { W1, W3: randn([3, 5], rng), W2 })).toThrow('swiglu: argument "W3" must have shape (d=3, h=4), got (3, 5)');
    expect(() => swiglu(x, { W1, W3, W2: randn([3, 3], rng) })).toThrow(ShapeError);
  });
});
