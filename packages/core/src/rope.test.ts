import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ArgumentError, ShapeError } from "./errors.js";
import { Rng, randn } from "./random.js";
import { applyRope, ropeAngles, type RopeConvention } from "./rope.js";
import { Tensor } from "./tensor.js";

const conventions: RopeConvention[] = ["interleaved", "rotate_half"];

function dot(a: Tensor, b: Tensor, offA: number, offB: number, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += a.data[offA + i] * b.data[offB + i];
  return s;
}

describe("applyRope", () => {
  it("preserves the norm of every head vector", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e6 }), fc.constantFrom(...conventions), fc.integer({ min: 0, max: 5000 }), (seed, convention, startPos) => {
        const x = randn([3, 2, 8], new Rng(seed));
        const y = applyRope(x, { convention, startPos });
        for (let r = 0; r < 6; r++) {
          expect(Math.abs(Math.sqrt(dot(y, y, r * 8, r * 8, 8)) - Math.sqrt(dot(x, x, r * 8, r * 8, 8)))).toBeLessThan(1e-12);
        }
      }),
    );
  });

  it("makes q·k depend only on the relative offset", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e6 }),
        fc.constantFrom(...conventions),
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 0, max: 50 }),
        (seed, convention, m, n, shift) => {
          const rng = new Rng(seed);
          const q = randn([1, 1, 6], rng);
          const k = randn([1, 1, 6], rng);
          const score = (pq: number, pk: number): number =>
            dot(applyRope(q, { convention, startPos: pq }), applyRope(k, { convention, startPos: pk }), 0, 0, 6);
          expect(Math.abs(score(m, n) - score(m + shift, n + shift))).toBeLessThan(1e-9);
        },
      ),
    );
  });

  it("rotates pairs (2i, 2i+1) when interleaved and (i, i+hd/2) when rotate_half", () => {
    const x = Tensor.from([[[1, 2, 3, 4]]]);
    const { cos, sin } = ropeAngles([1], 4);
    const [c0, c1] = [cos.get(0, 0), cos.get(0, 1)];
    const [s0, s1] = [sin.get(0, 0), sin.get(0, 1)];
    const inter = applyRope(x, { convention: "interleaved", startPos: 1 });
    expect(Array.from(inter.data)).toEqual([1 * c0 - 2 * s0, 1 * s0 + 2 * c0, 3 * c1 - 4 * s1, 3 * s1 + 4 * c1]);
    const half = applyRope(x, { convention: "rotate_half", startPos: 1 });
    expect(Array.from(half.data)).toEqual([1 * c0 - 3 * s0, 2 * c1 - 4 * s1, 1 * s0 + 3 * c0, 2 * s1 + 4 * c1]);
  });

  it("uses θ_i = base^(−2i/hd) and angle = position · θ_i", () => {
    const { angles } = ropeAngles([0, 7], 6, 500000);
    for (let i = 0; i < 3; i++) {
      expect(angles.get(0, i)).toBe(0);
      expect(angles.get(1, i)).toBeCloseTo(7 * 500000 ** (-(2 * i) / 6), 14);
    }
  });

  it("rejects odd head dims, unknown conventions and bad shapes", () => {
    expect(() => applyRope(Tensor.zeros([2, 1, 3]), { convention: "interleaved" })).toThrow(ArgumentError);
    expect(() => applyRope(Tensor.zeros([2, 1, 4]), { convention: "halves" as RopeConvention })).toThrow(/convention/);
    expect(() => applyRope(Tensor.zeros([4, 4]), { convention: "rotate_half" })).toThrow(
      'applyRope: argument "x" must have shape (…, T, H, hd), got (4, 4)',
    );
    expect(() => applyRope(Tensor.zeros([4, 4]), { convention: "rotate_half" })).toThrow(ShapeError);
  });
});
