import { describe, expect, it } from "vitest";
import { scaledDotProductAttention } from "./attention.js";
import { ArgumentError, ShapeError } from "./errors.js";
import { Rng, randn } from "./random.js";
import { t5RelativeBias, t5RelativePositionBucket, t5RelativePositionBuckets } from "./t5-relative-bias.js";

// Values printed by Hugging Face's T5Attention._relative_position_bucket (transformers, run with torch 1.13),
// as [relative_position, bucket] pairs for T5's defaults num_buckets=32, max_distance=128.
const HF_BIDIRECTIONAL: [number, number][] = [
  [-200, 15], [-128, 15], [-127, 15], [-100, 15], [-64, 14], [-50, 13], [-32, 12], [-20, 10], [-16, 10], [-12, 9],
  [-9, 8], [-8, 8], [-7, 7], [-1, 1], [0, 0], [1, 17], [7, 23], [8, 24], [9, 24], [12, 25], [16, 26], [20, 26],
  [32, 28], [50, 29], [64, 30], [100, 31], [127, 31], [128, 31], [200, 31],
];
const HF_CAUSAL: [number, number][] = [
  [-200, 31], [-128, 31], [-127, 31], [-100, 30], [-64, 26], [-50, 24], [-32, 21], [-20, 17], [-16, 16], [-15, 15],
  [-9, 9], [-8, 8], [-7, 7], [-1, 1], [0, 0], [1, 0], [7, 0], [8, 0],
];

describe("t5RelativePositionBucket", () => {
  it("matches HF for the bidirectional (encoder) buckets", () => {
    for (const [n, b] of HF_BIDIRECTIONAL) expect([n, t5RelativePositionBucket(n, { direction: "bidirectional" })]).toEqual([n, b]);
  });

  it("matches HF for the causal (decoder) buckets", () => {
    for (const [n, b] of HF_CAUSAL) expect([n, t5RelativePositionBucket(n, { direction: "causal" })]).toEqual([n, b]);
  });

  it("hand check: bidirectional, 32 buckets, max distance 128", () => {
    // 16 buckets per side, exact below 8; n = -20: 8 + trunc(log(20/8)/log(128/8)·8) = 8 + trunc(2.643) = 10
    expect(t5RelativePositionBucket(-20, { direction: "bidirectional" })).toBe(8 + Math.trunc((Math.log(20 / 8) / Math.log(16)) * 8));
    // positive side is offset by 16
    expect(t5RelativePositionBucket(20, { direction: "bidirectional" })).toBe(16 + 10);
  });

  it("is monotone in distance and bounded by numBuckets", () => {
    for (const direction of ["bidirectional", "causal"] as const) {
      let prev = -1;
      for (let d = 0; d < 400; d++) {
        const b = t5RelativePositionBucket(-d, { direction, numBuckets: 16, maxDistance: 40 });
        expect(b).toBeGreaterThanOrEqual(prev);
        expect(b).toBeLessThan(direction === "bidirectional" ? 8 : 16);
        prev = b;
      }
    }
  });

  it("rejects bad options", () => {
    expect(() => t5RelativePositionBucket(1.5, { direction: "causal" })).toThrow(/argument "relativePosition" must be an integer, got 1.5/);
    expect(() => t5RelativePositionBucket(1, { direction: "bidirectional", numBuckets: 2 })).toThrow(ArgumentError);
    expect(() => t5RelativePositionBucket(1, { direction: "causal", numBuckets: 32, maxDistance: 16 })).toThrow(
      /argument "maxDistance" must be an integer above the exact range 16, got 16/,
    );
    expect(() => t5RelativePositionBucket(1, { direction: "both" as "causal" })).toThrow(/argument "direction"/);
  });
});

describe("t5RelativeBias", () => {
  it("looks up table[bucket(j − i), h] for every head", () => {
    const numBuckets = 8;
    const table = Array.from({ length: numBuckets }, (_, b) => [b, 10 * b]); // (8, H=2)
    const bias = t5RelativeBias(table, 3, 4, { direction: "bidirectional", numBuckets, maxDistance: 10 });
    expect(bias.shape).toEqual([2, 3, 4]);
    const buckets = t5RelativePositionBuckets(3, 4, { direction: "bidirectional", numBuckets, maxDistance: 10 });
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 4; j++) {
        const b = t5RelativePositionBucket(j - i, { direction: "bidirectional", numBuckets, maxDistance: 10 });
        expect(buckets.get(i, j)).toBe(b);
        expect([bias.get(0, i, j), bias.get(1, i, j)]).toEqual([b, 10 * b]);
      }
    }
  });

  it("adds to attention scores as an additive mask (T5 uses unscaled scores: scale 1)", () => {
    const rng = new Rng(4);
    const [H, L, S, d] = [2, 3, 4, 5];
    const Q = randn([H, L, d], rng);
    const K = randn([H, S, d], rng);
    const V = randn([H, S, d], rng);
    const bias = t5RelativeBias(randn([8, H], rng), L, S, { direction: "bidirectional", numBuckets: 8, maxDistance: 10 });
    const { scores } = scaledDotProductAttention(Q, K, V, { mask: bias, scale: 1 });
    for (let h = 0; h < H; h++) {
      for (let i = 0; i < L; i++) {
        for (let j = 0; j < S; j++) {
          let qk = 0;
          for (let c = 0; c < d; c++) qk += Q.get(h, i, c) * K.get(h, j, c);
          expect(scores.get(h, i, j)).toBeCloseTo(qk + bias.get(h, i, j), 12);
        }
      }
    }
  });

  it("offsets query positions for incremental decoding", () => {
    const full = t5RelativePositionBuckets(5, 5, { direction: "causal" });
    const last = t5RelativePositionBuckets(1, 5, { direction: "causal", queryOffset: 4 });
    expect(last.toArray()).toEqual([(full.toArray() as number[][])[4]]);
  });

  it("checks the table shape", () => {
    expect(() => t5RelativeBias([[1, 2]], 2, 2, { direction: "causal" })).toThrow(ShapeError);
    expect(() => t5RelativeBias([[1, 2]], 2, 2, { direction: "causal" })).toThrow(/argument "table" must have shape \(32, H\), got \(1, 2\)/);
  });
});
