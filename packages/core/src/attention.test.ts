import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { referenceAttention, scaledDotProductAttention } from "./attention.js";
import { ShapeError } from "./errors.js";
import { causalMask, keyPaddingMask } from "./masks.js";
import { Rng, randn } from "./random.js";
import { Tensor } from "./tensor.js";

describe("scaledDotProductAttention", () => {
  it("the fused kernel agrees with the three-operation reference (batch dims, broadcast masks with −∞, scales, float32)", () => {
    const close = (a: Tensor, b: Tensor, tol: number): void => {
      expect(a.shape).toEqual(b.shape);
      expect(a.dtype).toBe(b.dtype);
      a.data.forEach((x, i) => {
        const y = b.data[i];
        if (Number.isNaN(y) || !Number.isFinite(y)) expect(x).toBe(y); // NaN rows and −∞ scores match exactly
        else expect(Math.abs(x - y)).toBeLessThanOrEqual(tol * (1 + Math.abs(y)));
      });
    };
    fc.assert(
      fc.property(
        fc.record({
          seed: fc.integer({ min: 0, max: 1e6 }),
          batch: fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 2 }),
          L: fc.integer({ min: 1, max: 7 }),
          S: fc.integer({ min: 1, max: 9 }),
          dk: fc.integer({ min: 1, max: 6 }),
          dv: fc.integer({ min: 1, max: 5 }),
          mask: fc.constantFrom("none", "causal", "random", "batched"),
          scale: fc.option(fc.double({ min: -2, max: 2, noNaN: true }), { nil: undefined }),
          float32: fc.boolean(),
        }),
        ({ seed, batch, L, S, dk, dv, mask: kind, scale, float32 }) => {
          const rng = new Rng(seed);
          const cast = (t: Tensor): Tensor => (float32 ? t.astype("float32") : t);
          const Q = cast(randn([...batch, L, dk], rng));
          const K = cast(randn([...batch, S, dk], rng));
          const V = cast(randn([...batch, S, dv], rng));
          // Random masks block about a third of the entries (whole rows sometimes: NaN in both).
          const blocked = (shape: number[]): Tensor => {
            const m = Tensor.zeros(shape);
            for (let i = 0; i < m.size; i++) m.data[i] = rng.uniform() < 0.35 ? -Infinity : rng.normal();
            return m;
          };
          const m =
            kind === "causal" ? causalMask(L, S)
            : kind === "random" ? blocked([L, S])
            : kind === "batched" ? blocked([...batch.map((b, i) => (i === 0 ? b : 1)), L, S])
            : undefined;
          const mask = m && cast(m); // a float64 mask would make the reference's scores float64
          const fast = scaledDotProductAttention(Q, K, V, { mask, scale });
          const ref = referenceAttention(Q, K, V, { mask, scale });
          const tol = float32 ? 1e-5 : 1e-12;
          close(fast.scores, ref.scores, tol);
          close(fast.weights, ref.weights, tol);
          close(fast.output, ref.output, tol);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("matches the textbook formula computed naively", () => {
    const rng = new Rng(3);
    const Q = randn([2, 3, 4], rng);
    const K = randn([2, 5, 4], rng);
    const V = randn([2, 5, 6], rng);
    const { scores, weights, output } = scaledDotProductAttention(Q, K, V);
    for (let b = 0; b < 2; b++) {
      for (let i = 0; i < 3; i++) {
        const s = [0, 1, 2, 3, 4].map((j) => [0, 1, 2, 3].reduce((a, t) => a + Q.get(b, i, t) * K.get(b, j, t), 0) / 2);
        const e = s.map((v) => Math.exp(v - Math.max(...s)));
        const w = e.map((v) => v / e.reduce((a, c) => a + c, 0));
        for (let j = 0; j < 5; j++) {
          expect(scores.get(b, i, j)).toBeCloseTo(s[j], 13);
          expect(weights.get(b, i, j)).toBeCloseTo(w[j], 13);
        }
        for (let t = 0; t < 6; t++) expect(output.get(b, i, t)).toBeCloseTo(w.reduce((a, p, j) => a + p * V.get(b, j, t), 0), 13);
      }
    }
  });

  it("with a causal mask gives exactly zero weight to future keys, and future tokens cannot change earlier outputs", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 2, max: 7 }), (seed, T) => {
        const rng = new Rng(seed);
        const Q = randn([T, 4], rng);
        const K = randn([T, 4], rng);
        const V = randn([T, 3], rng);
        const mask = causalMask(T);
        const a = scaledDotProductAttention(Q, K, V, { mask });
        for (let i = 0; i < T; i++) for (let j = i + 1; j < T; j++) expect(a.weights.get(i, j)).toBe(0);
        // Perturb the last token's key and value: every earlier row must be bit-identical.
        const K2 = K.clone();
        const V2 = V.clone();
        for (let t = 0; t < 4; t++) K2.data[(T - 1) * 4 + t] += 10 * rng.normal();
        for (let t = 0; t < 3; t++) V2.data[(T - 1) * 3 + t] += 10 * rng.normal();
        const b = scaledDotProductAttention(Q, K2, V2, { mask });
        for (let i = 0; i < T - 1; i++) for (let t = 0; t < 3; t++) expect(b.output.get(i, t)).toBe(a.output.get(i, t));
      }),
    );
  });

  it("gives NaN for a fully masked row, as PyTorch", () => {
    const rng = new Rng(1);
    const r = scaledDotProductAttention(randn([2, 2], rng), randn([3, 2], rng), randn([3, 2], rng), {
      mask: keyPaddingMask([true, true, true]),
    });
    expect(r.weights.data.every(Number.isNaN)).toBe(true);
    expect(r.output.data.every(Number.isNaN)).toBe(true);
  });

  it("broadcasts a (L, S) mask over batch dims and honours a custom scale", () => {
    const rng = new Rng(2);
    const Q = randn([3, 2, 4], rng);
    const K = randn([3, 2, 4], rng);
    const V = randn([3, 2, 4], rng);
    const full = scaledDotProductAttention(Q, K, V, { mask: causalMask(2), scale: 0.3 });
    const one = scaledDotProductAttention(Q.index(1), K.index(1), V.index(1), { mask: causalMask(2), scale: 0.3 });
    expect(Array.from(full.output.index(1).data)).toEqual(Array.from(one.output.data));
  });

  it("names the argument, expected and given shape on bad input", () => {
    const Q = Tensor.zeros([2, 4]);
    expect(() => scaledDotProductAttention(Q, Tensor.zeros([3, 5]), Tensor.zeros([3, 2]))).toThrow(
      'scaledDotProductAttention: argument "K" must have shape (…, S, d_k=4), got (3, 5)',
    );
    expect(() => scaledDotProductAttention(Q, Tensor.zeros([3, 4]), Tensor.zeros([2, 2]))).toThrow(ShapeError);
    expect(() => scaledDotProductAttention(Q, Tensor.zeros([3, 4]), Tensor.zeros([3, 2]), { mask: Tensor.zeros([3, 3]) })).toThrow(
      /argument "mask" must have shape/,
    );
  });
});
