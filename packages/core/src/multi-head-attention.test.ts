import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { scaledDotProductAttention } from "./attention.js";
import { ArgumentError, ShapeError } from "./errors.js";
import { causalMask } from "./masks.js";
import { multiHeadAttention, type AttentionWeights } from "./multi-head-attention.js";
import { concat, slice } from "./ops.js";
import { Rng, randn } from "./random.js";
import { applyRope } from "./rope.js";
import { Tensor } from "./tensor.js";

function weights(rng: Rng, E: number, D: number, Dkv: number, kdim = E): AttentionWeights {
  return {
    W_Q: randn([E, D], rng, 0.5),
    W_K: randn([kdim, Dkv], rng, 0.5),
    W_V: randn([kdim, Dkv], rng, 0.5),
    W_O: randn([D, E], rng, 0.5),
    b_Q: randn([D], rng, 0.1),
    b_K: randn([Dkv], rng, 0.1),
    b_V: randn([Dkv], rng, 0.1),
    b_O: randn([E], rng, 0.1),
  };
}

function permuteRows(x: Tensor, perm: number[]): Tensor {
  return concat(
    perm.map((p) => slice(x, 0, p, p + 1)),
    0,
  );
}

describe("multiHeadAttention", () => {
  it("equals per-head SDPA on column blocks, concatenated and projected", () => {
    const rng = new Rng(5);
    const x = randn([4, 8], rng);
    const w = weights(rng, 8, 8, 8);
    const r = multiHeadAttention(x, x, w, { numHeads: 2 });
    const proj = (W: unknown, b: unknown): Tensor => {
      const out = Tensor.zeros([4, 8]);
      const Wt = W as Tensor;
      const bt = b as Tensor;
      for (let i = 0; i < 4; i++) for (let o = 0; o < 8; o++) {
        let s = bt.get(o);
        for (let k = 0; k < 8; k++) s += x.get(i, k) * Wt.get(k, o);
        out.data[i * 8 + o] = s;
      }
      return out;
    };
    const Q = proj(w.W_Q, w.b_Q);
    const K = proj(w.W_K, w.b_K);
    const V = proj(w.W_V, w.b_V);
    for (let h = 0; h < 2; h++) {
      const head = scaledDotProductAttention(slice(Q, 1, 4 * h, 4 * h + 4), slice(K, 1, 4 * h, 4 * h + 4), slice(V, 1, 4 * h, 4 * h + 4));
      for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) expect(r.weights.get(h, i, j)).toBeCloseTo(head.weights.get(i, j), 13);
    }
    for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) {
      expect(r.averageWeights.get(i, j)).toBeCloseTo((r.weights.get(0, i, j) + r.weights.get(1, i, j)) / 2, 15);
    }
  });

  it("self-attention without positional encoding is permutation-equivariant", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 2, max: 6 }), (seed, T) => {
        const rng = new Rng(seed);
        const x = randn([T, 6], rng);
        const w = weights(rng, 6, 6, 6);
        const perm = Array.from({ length: T }, (_, i) => i);
        for (let i = T - 1; i > 0; i--) {
          const j = rng.int(i + 1);
          [perm[i], perm[j]] = [perm[j], perm[i]];
        }
        const y = multiHeadAttention(x, x, w, { numHeads: 3 }).output;
        const xp = permuteRows(x, perm);
        const yp = multiHeadAttention(xp, xp, w, { numHeads: 3 }).output;
        const want = permuteRows(y, perm);
        for (let k = 0; k < want.size; k++) expect(Math.abs(yp.data[k] - want.data[k])).toBeLessThan(1e-12);
      }),
      { numRuns: 50 },
    );
  });

  it("with a causal mask, changing a later token never changes earlier outputs", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 2, max: 6 }), (seed, T) => {
        const rng = new Rng(seed);
        const x = randn([2, T, 6], rng);
        const w = weights(rng, 6, 6, 6);
        const opts = { numHeads: 2, attnMask: causalMask(T) };
        const a = multiHeadAttention(x, x, w, opts);
        const cut = 1 + rng.int(T - 1); // tokens cut … T−1 change
        const y = x.clone();
        for (let b = 0; b < 2; b++) for (let t = cut; t < T; t++) for (let c = 0; c < 6; c++) y.data[(b * T + t) * 6 + c] += rng.normal();
        const r = multiHeadAttention(y, y, w, opts);
        for (let b = 0; b < 2; b++) for (let t = 0; t < cut; t++) for (let c = 0; c < 6; c++) {
          expect(r.output.get(b, t, c)).toBe(a.output.get(b, t, c));
        }
        for (let b = 0; b < 2; b++) for (let h = 0; h < 2; h++) for (let i = 0; i < T; i++) for (let j = i + 1; j < T; j++) {
          expect(r.weights.get(b, h, i, j)).toBe(0);
        }
      }),
      { numRuns: 50 },
    );
  });

  it("batched equals unbatched per element; masks and padding apply per batch", () => {
    const rng = new Rng(7);
    const x = randn([2, 3, 8], rng);
    const w = weights(rng, 8, 8, 8);
    const pad = [
      [false, false, true],
      [false, false, false],
    ];
    const r = multiHeadAttention(x, x, w, { numHeads: 2, attnMask: causalMask(3), keyPaddingMask: pad });
    for (let b = 0; b < 2; b++) {
      const u = multiHeadAttention(x.index(b), x.index(b), w, { numHeads: 2, attnMask: causalMask(3), keyPaddingMask: pad[b] });
      expect(Array.from(r.output.index(b).data)).toEqual(Array.from(u.output.data));
      expect(u.weights.shape).toEqual([2, 3, 3]);
      expect(u.averageWeights.shape).toEqual([3, 3]);
    }
    expect(r.weights.get(0, 1, 2, 2)).toBe(0);
  });

  it("grouped-query attention equals full MHA with each KV head repeated", () => {
    const rng = new Rng(9);
    const x = randn([5, 8], rng);
    const w = weights(rng, 8, 8, 4); // 4 query heads of 2, 2 kv heads
    const gqa = multiHeadAttention(x, x, w, { numHeads: 4, numKVHeads: 2 });
    // Repeat kv head g into query heads 2g and 2g+1 (torch.repeat_interleave).
    const rep = (W: Tensor): Tensor => concat([slice(W, -1, 0, 2), slice(W, -1, 0, 2), slice(W, -1, 2, 4), slice(W, -1, 2, 4)], -1);
    const full: AttentionWeights = {
      ...w,
      W_K: rep(w.W_K as Tensor),
      W_V: rep(w.W_V as Tensor),
      b_K: rep(w.b_K as Tensor),
      b_V: rep(w.b_V as Tensor),
    };
    const mha = multiHeadAttention(x, x, full, { numHeads: 4 });
    for (let k = 0; k < mha.output.size; k++) expect(gqa.output.data[k]).toBeCloseTo(mha.output.data[k], 13);
  });

  it("applies RoPE to Q and K per head when asked", () => {
    const rng = new Rng(11);
    const x = randn([4, 8], rng);
    const w: AttentionWeights = { W_Q: randn([8, 8], rng), W_K: randn([8, 8], rng), W_V: randn([8, 8], rng), W_O: randn([8, 8], rng) };
    const rope = { convention: "rotate_half" as const, startPos: 3 };
    const r = multiHeadAttention(x, x, w, { numHeads: 2, rope });
    const q = applyRope(matmulNaive(x, w.W_Q as Tensor).reshape([4, 2, 4]), rope);
    const k = applyRope(matmulNaive(x, w.W_K as Tensor).reshape([4, 2, 4]), rope);
    for (let h = 0; h < 2; h++) {
      const qh = slice(q, 1, h, h + 1).reshape([4, 4]);
      const kh = slice(k, 1, h, h + 1).reshape([4, 4]);
      const vh = slice(matmulNaive(x, w.W_V as Tensor), 1, 4 * h, 4 * h + 4);
      const s = scaledDotProductAttention(qh, kh, vh);
      for (let k2 = 0; k2 < 16; k2++) expect(r.weights.data[h * 16 + k2]).toBeCloseTo(s.weights.data[k2], 13);
    }
  });

  it("takes a separate value input with vdim ≠ kdim (torch kdim/vdim)", () => {
    const rng = new Rng(13);
    const x = randn([1, 3, 8], rng);
    const key = randn([1, 4, 6], rng);
    const value = randn([1, 4, 5], rng);
    const w: AttentionWeights = { W_Q: randn([8, 8], rng), W_K: randn([6, 8], rng), W_V: randn([5, 8], rng), W_O: randn([8, 8], rng) };
    const r = multiHeadAttention(x, key, w, { numHeads: 2, value });
    const V = matmulNaive(value.index(0), w.W_V as Tensor);
    // Rebuild concat(heads) from the returned weights and the value projection, then project with W_O.
    const heads = Tensor.zeros([3, 8]);
    for (let h = 0; h < 2; h++) for (let i = 0; i < 3; i++) for (let t = 0; t < 4; t++) {
      let s = 0;
      for (let j = 0; j < 4; j++) s += r.weights.get(0, h, i, j) * V.get(j, 4 * h + t);
      heads.data[i * 8 + 4 * h + t] = s;
    }
    const want = matmulNaive(heads, w.W_O as Tensor);
    for (let k = 0; k < 24; k++) expect(r.output.data[k]).toBeCloseTo(want.data[k], 13);
    expect(() => multiHeadAttention(x, key, { ...w, W_V: randn([6, 8], rng) }, { numHeads: 2, value })).toThrow(
      'multiHeadAttention: argument "W_V" must have shape (vdim=5, D_kv=8), got (6, 8)',
    );
  });

  it("weights: per-head / average / none return exactly the default's output and the weights asked for", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e6 }),
        fc.integer({ min: 1, max: 2 }), // B
        fc.integer({ min: 1, max: 6 }), // L
        fc.integer({ min: 1, max: 7 }), // S
        fc.constantFrom([2, 2], [4, 2], [4, 1]), // [H, H_kv]
        fc.boolean(),
        fc.boolean(),
        (seed, B, L, S, [H, Hkv], masked, f32) => {
          const rng = new Rng(seed);
          const hd = 3;
          let q = randn([B, L, 6], rng);
          let kv = randn([B, S, 5], rng);
          let w = weights(rng, 6, H * hd, Hkv * hd, 5);
          if (f32) {
            [q, kv] = [q.astype("float32"), kv.astype("float32")];
            w = Object.fromEntries(Object.entries(w).map(([k, t]) => [k, (t as Tensor).astype("float32")])) as unknown as AttentionWeights;
          }
          const padding = Array.from({ length: B }, () => Array.from({ length: S }, (_, j) => j === S - 1 && S > 1));
          const base = { numHeads: H, numKVHeads: Hkv, ...(masked ? { attnMask: randn([L, S], rng), keyPaddingMask: padding } : {}) };
          const both = multiHeadAttention(q, kv, w, base);
          const perHead = multiHeadAttention(q, kv, w, { ...base, weights: "per-head" });
          const average = multiHeadAttention(q, kv, w, { ...base, weights: "average" });
          const none = multiHeadAttention(q, kv, w, { ...base, weights: "none" });
          for (const r of [perHead, average, none]) expect(Array.from(r.output.data)).toEqual(Array.from(both.output.data));
          expect(Array.from(perHead.weights.data)).toEqual(Array.from(both.weights.data));
          expect(Array.from(average.averageWeights.data)).toEqual(Array.from(both.averageWeights.data));
          expect(Object.keys(perHead).sort()).toEqual(["output", "weights"]);
          expect(Object.keys(average).sort()).toEqual(["averageWeights", "output"]);
          expect(Object.keys(none)).toEqual(["output"]);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("reports bad shapes and options clearly", () => {
    const x0 = Tensor.zeros([2, 4]);
    const w0 = weights(new Rng(0), 4, 4, 4);
    // @ts-expect-error: not one of the four choices
    expect(() => multiHeadAttention(x0, x0, w0, { numHeads: 2, weights: "mean" })).toThrow(
      /multiHeadAttention: argument "weights" must be "per-head", "average", "both" or "none", got "mean"/,
    );
    const rng = new Rng(1);
    const w = weights(rng, 8, 8, 8);
    const x = randn([3, 8], rng);
    expect(() => multiHeadAttention(x, randn([2, 5], rng), w, { numHeads: 2 })).toThrow(
      'multiHeadAttention: argument "W_K" must have shape (kdim=5, D_kv=8), got (8, 8)',
    );
    expect(() => multiHeadAttention(randn([3, 6], rng), x, w, { numHeads: 2 })).toThrow(ShapeError);
    expect(() => multiHeadAttention(randn([8], rng), x, w, { numHeads: 2 })).toThrow(
      'multiHeadAttention: argument "query" must have shape (B, L, E) or (L, E), got (8,)',
    );
    expect(() => multiHeadAttention(x, x, w, { numHeads: 3 })).toThrow(ArgumentError);
    expect(() => multiHeadAttention(x, x, w, { numHeads: 4, numKVHeads: 3 })).toThrow(/numKVHeads/);
    expect(() => multiHeadAttention(x, x, w, { numHeads: 2, keyPaddingMask: [true] })).toThrow(
      'multiHeadAttention: argument "keyPaddingMask" must have shape (S=3,), got (1,)',
    );
  });
});

function matmulNaive(a: Tensor, b: Tensor): Tensor {
  const [M, K] = a.shape;
  const N = b.shape[1];
  const out = Tensor.zeros([M, N]);
  for (let i = 0; i < M; i++) for (let j = 0; j < N; j++) {
    let s = 0;
    for (let k = 0; k < K; k++) s += a.get(i, k) * b.get(k, j);
    out.data[i * N + j] = s;
  }
  return out;
}
