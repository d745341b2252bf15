import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { permutation, sampleBatch, sequentialBatches } from "./batches.js";
import { Rng } from "./random.js";

describe("sampleBatch", () => {
  it("returns B windows whose targets are the inputs shifted by one, reproducibly from the seed", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 9 }), (seed, B, T) => {
        const tokens = Array.from({ length: 40 }, (_, i) => i); // token = its position, so windows are checkable
        const a = sampleBatch(tokens, B, T, new Rng(seed));
        expect(sampleBatch(tokens, B, T, new Rng(seed))).toEqual(a);
        expect(a.inputs).toHaveLength(B);
        a.inputs.forEach((row, b) => {
          expect(row).toHaveLength(T);
          row.forEach((tok, t) => {
            expect(tok).toBe(row[0] + t);
            expect(a.targets[b][t]).toBe(tok + 1);
          });
          expect(row[0] + T).toBeLessThan(40);
        });
      }),
    );
  });
  it("needs T + 1 tokens", () => {
    expect(() => sampleBatch([1, 2], 1, 2, new Rng(0))).toThrow(/sampleBatch: argument "tokens" must hold at least seqLen \+ 1 = 3 tokens, got 2/);
  });
});

describe("sequentialBatches", () => {
  it("predicts every token after the first exactly once, in order", () => {
    const tokens = Array.from({ length: 23 }, (_, i) => i);
    const batches = sequentialBatches(tokens, 2, 5);
    const targets = batches.flatMap((b) => b.targets.flat());
    expect(targets).toEqual(Array.from({ length: 20 }, (_, i) => i + 1)); // 4 windows of 5; the 2 leftover tokens do not fill one
    expect(batches.map((b) => b.inputs.length)).toEqual([2, 2]);
  });
});

describe("permutation", () => {
  it("is a permutation, fixed by the seed", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 50 }), fc.integer(), (n, seed) => {
        const p = permutation(n, new Rng(seed));
        expect([...p].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
        expect(permutation(n, new Rng(seed))).toEqual(p);
      }),
    );
  });
});
