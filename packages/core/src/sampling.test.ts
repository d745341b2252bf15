import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ArgumentError } from "./errors.js";
import { Rng } from "./random.js";
import { applyTemperature, inverseCdf, processLogits, sample, topKFilter, topPFilter } from "./sampling.js";
import { softmax } from "./softmax.js";

const logitsRow = fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 1, maxLength: 10 });

describe("sampling", () => {
  it("top-k keeps exactly the logits ≥ the k-th largest (ties at the boundary all kept)", () => {
    fc.assert(
      fc.property(logitsRow, fc.integer({ min: 1, max: 12 }), (row, k) => {
        const f = topKFilter([row], k);
        const kth = [...row].sort((a, b) => b - a)[Math.min(k, row.length) - 1];
        row.forEach((v, j) => expect(f.get(0, j)).toBe(v >= kth ? v : -Infinity));
      }),
    );
    const tie = topKFilter([[3, 1, 2, 2, 0]], 2);
    expect(Array.from(tie.data).filter(Number.isFinite).length).toBe(3);
  });

  it("top-p keeps the smallest highest-probability set whose mass reaches p", () => {
    fc.assert(
      fc.property(logitsRow, fc.double({ min: 0.01, max: 1, noNaN: true }), (row, p) => {
        const f = topPFilter([row], p);
        const probs = Array.from(softmax([row]).data);
        // HF order: descending probability, equal logits → higher index first.
        const order = row.map((_, j) => j).sort((a, b) => row[b] - row[a] || b - a);
        let before = 0;
        for (const j of order) {
          const kept = Number.isFinite(f.get(0, j));
          // Kept iff the mass strictly before it is < p (up to rounding at the exact boundary), at least one kept.
          if (Math.abs(before - p) > 1e-9 && j !== order[0]) expect(kept).toBe(before < p);
          if (j === order[0]) expect(kept).toBe(true);
          before += probs[j];
        }
      }),
    );
  });

  it("top-p tie: the stable ascending sort ranks the higher index as more likely", () => {
    const f = topPFilter([[1, 1, 0, -5]], 0.3);
    expect(Array.from(f.data).map(Number.isFinite)).toEqual([false, true, false, false]);
  });

  it("processLogits applies temperature → top-k → top-p and renormalises", () => {
    const logits = [[2, 1, 0.5, 3, -1]];
    const r = processLogits(logits, { temperature: 0.5, topK: 3, topP: 0.9 });
    const manual = topPFilter(topKFilter(applyTemperature(logits, 0.5), 3), 0.9);
    expect(Array.from(r.filtered.data)).toEqual(Array.from(manual.data));
    expect(Array.from(r.keptMask.data)).toEqual(Array.from(manual.data, (v) => (Number.isFinite(v) ? 1 : 0)));
    expect(Array.from(r.probs.data).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14);
    // Neutral settings are skipped, as HF generate does.
    const neutral = processLogits(logits, { temperature: 1, topK: 0, topP: 1 });
    expect(Array.from(neutral.filtered.data)).toEqual(logits[0]);
  });

  it("inverseCdf returns the first index whose cumulative mass exceeds u, clamped", () => {
    const probs = [0.1, 0, 0.6, 0.3];
    expect(inverseCdf(probs, 0)).toBe(0);
    expect(inverseCdf(probs, 0.1)).toBe(2);
    expect(inverseCdf(probs, 0.69)).toBe(2);
    expect(inverseCdf([0.5, 0.4999999], 0.9999999)).toBe(1);
    expect(() => inverseCdf(probs, 1)).toThrow(ArgumentError);
  });

  it("sample is reproducible from a seed and follows the distribution", () => {
    const probs = [0.2, 0.5, 0.3];
    const a = Array.from({ length: 20 }, ((rng) => () => sample(probs, rng))(new Rng(42)));
    const b = Array.from({ length: 20 }, ((rng) => () => sample(probs, rng))(new Rng(42)));
    expect(a).toEqual(b);
    const rng = new Rng(7);
    const counts = [0, 0, 0];
    for (let i = 0; i < 20000; i++) counts[sample(probs, rng)]++;
    counts.forEach((c, i) => expect(Math.abs(c / 20000 - probs[i])).toBeLessThan(0.02));
  });

  it("validates k, p and temperature", () => {
    expect(() => topKFilter([[1, 2]], 0)).toThrow('topKFilter: argument "k" must be an integer ≥ 1, got 0');
    expect(() => topPFilter([[1, 2]], 1.5)).toThrow(ArgumentError);
    expect(Array.from(topPFilter([[1, 2, 0]], 0).data)).toEqual([-Infinity, 2, -Infinity]);
    expect(() => applyTemperature([[1]], -1)).toThrow(/temperature/);
  });
});
