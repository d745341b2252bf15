import { describe, expect, it } from "vitest";
import { bert, bertMaskTokens, initBert, type BertConfig, type MaskAction } from "./bert.js";
import { ArgumentError, ShapeError } from "./errors.js";
import { Rng } from "./random.js";

const config: BertConfig = { vocabSize: 20, contextLength: 8, dModel: 8, numHeads: 2, numLayers: 2, ffnHidden: 16 };

describe("bert", () => {
  const w = initBert(config, new Rng(1), 0.3);

  it("is bidirectional: the first position's output depends on later tokens", () => {
    const a = bert(w, config, [5, 6, 7, 8]).hidden;
    const b = bert(w, config, [5, 6, 7, 9]).hidden;
    expect(a.shape).toEqual([4, 8]);
    expect(Math.abs(a.get(0, 0) - b.get(0, 0))).toBeGreaterThan(1e-9);
  });

  it("padding keys are ignored and batching matches single sequences", () => {
    const padded = bert(w, config, [[5, 6, 7, 0], [3, 4, 1, 2]], { paddingMask: [[false, false, false, true], [false, false, false, false]] });
    const alone = bert(w, config, [5, 6, 7]);
    expect(padded.mlmLogits.shape).toEqual([2, 4, 20]);
    for (let t = 0; t < 3; t++) for (let v = 0; v < 20; v++) expect(padded.mlmLogits.get(0, t, v)).toBeCloseTo(alone.mlmLogits.get(t, v), 12);
  });

  it("segment ids change the embedding", () => {
    const a = bert(w, config, [5, 6], { tokenTypeIds: [0, 0] }).hidden;
    const b = bert(w, config, [5, 6], { tokenTypeIds: [0, 1] }).hidden;
    expect(a.get(1, 0)).not.toBe(b.get(1, 0));
  });

  it("checks its inputs", () => {
    expect(() => bert(w, config, [1, 2, 3, 4, 5, 6, 7, 8, 9])).toThrow(ShapeError);
    expect(() => bert(w, config, [1, 2, 3, 4, 5, 6, 7, 8, 9])).toThrow(/bert: argument "tokenIds" must have shape \(…, T ≤ contextLength=8\), got \(9,\)/);
    expect(() => bert(w, config, [1, 2], { tokenTypeIds: [0] })).toThrow(/argument "tokenTypeIds" must have shape \(2,\) like tokenIds, got \(1,\)/);
    expect(() => bert(w, { ...config, numLayers: 3 }, [1])).toThrow(/argument "weights.layers" must be an array of numLayers=3 layers, got 2/);
  });
});

describe("bertMaskTokens", () => {
  const MASK = 1;
  const ids = Array.from({ length: 20000 }, (_, i) => 2 + (i % 50));
  const opts = { maskTokenId: MASK, vocabSize: 60 };

  it("chooses ~15% of positions and splits them 80/10/10 (bernoulli selection)", () => {
    const r = bertMaskTokens(ids, { ...opts, rng: new Rng(7) });
    const count = (a: MaskAction) => r.actions.filter((x) => x === a).length;
    const chosen = r.actions.filter((x) => x !== null).length;
    // 20000 positions: s.e. of the chosen fraction 0.0025; of the 80/10/10 split (≈3000 chosen) ≤ 0.0073
    expect(Math.abs(chosen / ids.length - 0.15)).toBeLessThan(0.01);
    expect(Math.abs(count("mask") / chosen - 0.8)).toBeLessThan(0.03);
    expect(Math.abs(count("random") / chosen - 0.1)).toBeLessThan(0.025);
    expect(Math.abs(count("keep") / chosen - 0.1)).toBeLessThan(0.025);
  });

  it("labels exactly the chosen positions with their original tokens and applies each action", () => {
    const r = bertMaskTokens(ids.slice(0, 500), { ...opts, rng: new Rng(8) });
    r.actions.forEach((a, i) => {
      expect(r.labels[i]).toBe(a === null ? -100 : ids[i]);
      if (a === null || a === "keep") expect(r.inputIds[i]).toBe(ids[i]);
      if (a === "mask") expect(r.inputIds[i]).toBe(MASK);
      if (a === "random") expect(r.inputIds[i]).toBeGreaterThanOrEqual(0);
    });
  });

  it("exact selection chooses round(15%) positions", () => {
    const r = bertMaskTokens(ids.slice(0, 101), { ...opts, rng: new Rng(9), selection: "exact" });
    expect(r.actions.filter((a) => a !== null)).toHaveLength(15);
    expect(bertMaskTokens([5, 6], { ...opts, rng: new Rng(9), selection: "exact" }).actions.filter((a) => a !== null)).toHaveLength(1);
    // Google's script counts special tokens in n: [CLS] + 18 tokens + [SEP] → round(0.15 · 20) = 3 targets
    const withSpecials = [0, ...ids.slice(0, 18), 59];
    const r2 = bertMaskTokens(withSpecials, { ...opts, rng: new Rng(10), selection: "exact", specialTokenIds: [0, 59] });
    expect(r2.actions.filter((a) => a !== null)).toHaveLength(3);
    expect([r2.actions[0], r2.actions[19]]).toEqual([null, null]);
  });

  it("is reproducible from the seed and never chooses special tokens", () => {
    const seq = [0, ...ids.slice(0, 200), 59];
    const a = bertMaskTokens(seq, { ...opts, rng: new Rng(3), specialTokenIds: [0, 59] });
    const b = bertMaskTokens(seq, { ...opts, rng: new Rng(3), specialTokenIds: [0, 59] });
    const c = bertMaskTokens(seq, { ...opts, rng: new Rng(4), specialTokenIds: [0, 59] });
    expect(a).toEqual(b);
    expect(a.inputIds).not.toEqual(c.inputIds);
    expect(a.actions[0]).toBeNull();
    expect(a.actions[seq.length - 1]).toBeNull();
  });

  it("rejects bad options with the argument name", () => {
    expect(() => bertMaskTokens([1], { ...opts, rng: new Rng(0), maskProb: 1.5 })).toThrow(ArgumentError);
    expect(() => bertMaskTokens([1], { ...opts, rng: new Rng(0), maskProb: 1.5 })).toThrow(/bertMaskTokens: argument "maskProb" must be in \[0, 1\], got 1.5/);
    expect(() => bertMaskTokens([1], { ...opts, rng: new Rng(0), maskTokenId: 60 })).toThrow(/argument "maskTokenId" must be an integer token id in \[0, 60\), got 60/);
    expect(() => bertMaskTokens([61], { ...opts, rng: new Rng(0) })).toThrow(/argument "tokenIds" must hold integer token ids in \[0, 60\), got 61 at position 0/);
    expect(() => bertMaskTokens([1], { ...opts, rng: new Rng(0), selection: "span" as "exact" })).toThrow(/argument "selection"/);
  });
});
