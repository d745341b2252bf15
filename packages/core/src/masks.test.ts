import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ArgumentError } from "./errors.js";
import { boolKeepMask, causalMask, combineMasks, keyPaddingMask, slidingWindowMask } from "./masks.js";

const visible = (m: { get(...i: number[]): number }, i: number, j: number): boolean => m.get(i, j) === 0;

describe("masks", () => {
  it("causal mask is top-left aligned: query i sees keys 0…i, for any L and S", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }), (L, S) => {
        const m = causalMask(L, S);
        expect(m.shape).toEqual([L, S]);
        for (let i = 0; i < L; i++) for (let j = 0; j < S; j++) expect(m.get(i, j)).toBe(j <= i ? 0 : -Infinity);
      }),
    );
  });

  it("sliding window: 'i-j<W' sees W keys including itself, 'i-j<=W' sees W+1", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 5 }), (T, W) => {
        const strict = slidingWindowMask(T, W, "i-j<W");
        const loose = slidingWindowMask(T, W, "i-j<=W");
        for (let i = 0; i < T; i++) {
          let a = 0;
          let b = 0;
          for (let j = 0; j < T; j++) {
            a += visible(strict, i, j) ? 1 : 0;
            b += visible(loose, i, j) ? 1 : 0;
            if (j > i) expect(visible(loose, i, j)).toBe(false);
          }
          expect(a).toBe(Math.min(i + 1, W));
          expect(b).toBe(Math.min(i + 1, W + 1));
        }
      }),
    );
    expect(() => slidingWindowMask(3, 2, "i-j<2" as never)).toThrow(ArgumentError);
  });

  it("key padding: true = padding → −∞ on that key column, shaped to broadcast over heads and queries", () => {
    const m = keyPaddingMask([
      [false, true],
      [false, false],
    ]);
    expect(m.shape).toEqual([2, 1, 1, 2]);
    expect(Array.from(m.data)).toEqual([0, -Infinity, 0, 0]);
    expect(keyPaddingMask([true, false]).shape).toEqual([1, 2]);
  });

  it("bool keep-mask is the opposite convention: true = may attend", () => {
    expect(Array.from(boolKeepMask([[true, false]]).data)).toEqual([0, -Infinity]);
  });

  it("combineMasks adds with broadcasting and skips undefined", () => {
    const c = combineMasks(causalMask(2), undefined, keyPaddingMask([false, true]));
    expect(c?.toArray()).toEqual([
      [0, -Infinity],
      [0, -Infinity],
    ]);
    expect(combineMasks(undefined)).toBeUndefined();
  });
});
