import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gradientCheck, weightedSum } from "./gradcheck.js";
import { causalMask } from "./masks.js";
import { multiHeadAttentionBackward } from "./multi-head-attention.grad.js";
import { multiHeadAttention, type AttentionWeights } from "./multi-head-attention.js";
import { add } from "./ops.js";
import { Rng, randn } from "./random.js";
import type { Tensor } from "./tensor.js";

const NAMES = ["W_Q", "W_K", "W_V", "W_O", "b_Q", "b_K", "b_V", "b_O"] as const;

describe("multi-head attention backward", () => {
  it("names an upstream of the wrong shape", () => {
    const rng = new Rng(1);
    const x = randn([3, 4], rng);
    const w = { W_Q: randn([4, 4], rng), W_K: randn([4, 4], rng), W_V: randn([4, 4], rng), W_O: randn([4, 4], rng) };
    expect(() => multiHeadAttentionBackward(x, x, w, { output: randn([3, 5], rng) }, { numHeads: 2 })).toThrow(/upstream\.output" must have shape \(3, 4\)/);
  });

  it("self/cross, GQA, RoPE, causal and padding masks: every input and weight matches central differences", () => {
    fc.assert(
      fc.property(
        fc.nat(),
        fc.record({ group: fc.constantFrom(1, 2), Hkv: fc.constantFrom(1, 2), hd: fc.constantFrom(2, 4), L: fc.integer({ min: 1, max: 3 }), S: fc.integer({ min: 1, max: 3 }) }),
        fc.record({ cross: fc.boolean(), rope: fc.boolean(), causal: fc.boolean(), pad: fc.boolean() }),
        (seed, { group, Hkv, hd, L, S: S0 }, { cross, rope, causal, pad }) => {
          const rng = new Rng(seed);
          const H = group * Hkv;
          const E = 4;
          const S = cross ? S0 : L;
          const query = randn([2, L, E], rng);
          const memory = cross ? randn([2, S, 3], rng) : query;
          const kdim = memory.shape[2];
          const w: Record<(typeof NAMES)[number], Tensor> = {
            W_Q: randn([E, H * hd], rng, 0.5),
            W_K: randn([kdim, Hkv * hd], rng, 0.5),
            W_V: randn([kdim, Hkv * hd], rng, 0.5),
            W_O: randn([H * hd, E], rng, 0.5),
            b_Q: randn([H * hd], rng, 0.2),
            b_K: randn([Hkv * hd], rng, 0.2),
            b_V: randn([Hkv * hd], rng, 0.2),
            b_O: randn([E], rng, 0.2),
          };
          // Key 0 stays visible so that no row is fully masked.
          const options = {
            numHeads: H,
            numKVHeads: Hkv,
            attnMask: causal ? causalMask(L, S) : undefined,
            keyPaddingMask: pad ? [Array.from({ length: S }, (_, j) => j > 0 && j % 2 === 1), Array.from({ length: S }, () => false)] : undefined,
            rope: rope ? { convention: "rotate_half" as const, startPos: 2 } : undefined,
          };
          const up = { output: randn([2, L, E], rng), averageWeights: randn([2, L, S], rng), weights: randn([2, H, L, S], rng) };
          const leaves = cross ? [query, memory, ...NAMES.map((n) => w[n])] : [query, ...NAMES.map((n) => w[n])];
          const loss = (ls: Tensor[]): number => {
            const [q, m, rest] = cross ? [ls[0], ls[1], ls.slice(2)] : [ls[0], ls[0], ls.slice(1)];
            const weights = Object.fromEntries(NAMES.map((n, i) => [n, rest[i]])) as unknown as AttentionWeights;
            const r = multiHeadAttention(q, m, weights, options);
            return weightedSum(up.output, r.output) + weightedSum(up.averageWeights, r.averageWeights) + weightedSum(up.weights, r.weights);
          };
          const g = multiHeadAttentionBackward(query, memory, w, up, options);
          // Self-attention: the query feeds Q, K and V, so its gradient is the sum of both paths.
          const dInputs = cross ? [g.dQuery, g.dKeyValue] : [add(g.dQuery, g.dKeyValue)];
          expect(gradientCheck(loss, leaves, [...dInputs, ...NAMES.map((n) => g.grads[n]!)])).toBeLessThan(1e-7);
        },
      ),
      { numRuns: 12 },
    );
  });
});
