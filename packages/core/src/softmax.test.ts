import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ArgumentError, ShapeError } from "./errors.js";
import { logSoftmax, softmax } from "./softmax.js";
import { Tensor } from "./tensor.js";

const row = fc.array(fc.double({ min: -50, max: 50, noNaN: true }), { minLength: 1, maxLength: 12 });

describe("softmax", () => {
  it("rows are non-negative and sum to 1", () => {
    fc.assert(
      fc.property(fc.array(row.filter((r) => r.length === 5), { minLength: 1, maxLength: 4 }), fc.double({ min: 0.05, max: 20, noNaN: true }), (rows, T) => {
        const p = softmax(rows, { temperature: T });
        for (let r = 0; r < rows.length; r++) {
          let s = 0;
          for (let j = 0; j < 5; j++) {
            expect(p.get(r, j)).toBeGreaterThanOrEqual(0);
            s += p.get(r, j);
          }
          expect(Math.abs(s - 1)).toBeLessThan(1e-12);
        }
      }),
    );
  });

  it("is invariant to adding a constant to a row", () => {
    fc.assert(
      fc.property(row, fc.double({ min: -1000, max: 1000, noNaN: true }), (r, c) => {
        const a = softmax([r]);
        const b = softmax([r.map((v) => v + c)]);
        for (let j = 0; j < r.length; j++) expect(Math.abs(a.get(0, j) - b.get(0, j))).toBeLessThan(1e-12);
      }),
    );
  });

  it("log_softmax equals log(softmax) and stays exact where softmax underflows", () => {
    fc.assert(
      fc.property(row, (r) => {
        const p = softmax([r]);
        const lp = logSoftmax([r]);
        for (let j = 0; j < r.length; j++) expect(Math.abs(lp.get(0, j) - Math.log(p.get(0, j)))).toBeLessThan(1e-10);
      }),
    );
    const lp = logSoftmax([[1000, -1000]]);
    expect(lp.get(0, 1)).toBe(-2000);
  });

  it("handles ±1000 and non-finite logits like torch", () => {
    expect(softmax([[1000, 1000]]).toArray()).toEqual([[0.5, 0.5]]);
    expect(softmax([[0, -Infinity]]).toArray()).toEqual([[1, 0]]);
    expect(logSoftmax([[0, -Infinity]]).get(0, 1)).toBe(-Infinity);
    const allNeg = softmax([[-Infinity, -Infinity]]);
    expect(allNeg.data.every(Number.isNaN)).toBe(true);
    const posInf = softmax([[Infinity, 1, 2]]);
    expect(posInf.data.every(Number.isNaN)).toBe(true);
  });

  it("normalises along any axis", () => {
    const x = Tensor.from([
      [1, 2],
      [3, 5],
    ]);
    const p = softmax(x, { axis: 0 });
    expect(p.get(0, 0) + p.get(1, 0)).toBeCloseTo(1, 15);
    expect(p.get(1, 1) / p.get(0, 1)).toBeCloseTo(Math.exp(3), 12);
  });

  it("rejects bad temperature and rank-0 input", () => {
    expect(() => softmax([[1]], { temperature: 0 })).toThrow(ArgumentError);
    expect(() => softmax([[1]], { temperature: 0 })).toThrow('softmax: argument "temperature" must be a finite number > 0, got 0');
    expect(() => softmax(3)).toThrow(ShapeError);
    expect(() => softmax([[1]], { axis: 2 })).toThrow(/argument "axis"/);
  });
});
