import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { beamSearch, greedyDecode } from "./decoding.js";
import { gpt2, gpt2Cached, gpt2CachedNextTokenLogits, gpt2NextTokenLogits, initGpt2, type Gpt2Config } from "./gpt2.js";
import { KVCache, LayerCache } from "./kv-cache.js";
import { initLlama, llama, llamaCached, llamaCachedNextTokenLogits, llamaNextTokenLogits, type LlamaConfig } from "./llama.js";
import type { AttentionPattern } from "./masks.js";
import { Rng } from "./random.js";
import { Tensor } from "./tensor.js";

const gptConfig: Gpt2Config = { vocabSize: 13, contextLength: 10, dModel: 8, numHeads: 2, numLayers: 2 };
const llamaConfig: LlamaConfig = { vocabSize: 11, dModel: 16, numLayers: 2, numHeads: 4, numKVHeads: 2, ffnHidden: 24 };

/** Feed `ids` in chunks of the given sizes through `step`, stacking the logits rows. */
function chunked(ids: number[], sizes: number[], step: (chunk: number[]) => Tensor): number[][] {
  const rows: number[][] = [];
  let at = 0;
  for (const n of sizes) {
    if (at >= ids.length) break;
    const chunk = ids.slice(at, at + n);
    rows.push(...(step(chunk).toArray() as number[][]));
    at += chunk.length;
  }
  while (at < ids.length) rows.push(...(step([ids[at++]]).toArray() as number[][]));
  return rows;
}

function expectRowsClose(a: number[][], b: number[][]): void {
  expect(a.length).toBe(b.length);
  a.forEach((row, i) => row.forEach((v, j) => expect(Math.abs(v - b[i][j])).toBeLessThan(1e-12)));
}

describe("KV cache", () => {
  it("GPT-2: token-by-token (and chunked) logits with a cache equal the full forward pass", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e6 }),
        fc.array(fc.nat(12), { minLength: 1, maxLength: 10 }),
        fc.array(fc.integer({ min: 1, max: 4 }), { maxLength: 3 }),
        (seed, ids, sizes) => {
          const w = initGpt2(gptConfig, new Rng(seed), 0.4);
          const full = gpt2(w, gptConfig, ids).logits.toArray() as number[][];
          const cache = new KVCache(gptConfig.numLayers);
          expectRowsClose(chunked(ids, sizes, (c) => gpt2Cached(w, gptConfig, cache, c)), full);
          expect(cache.length).toBe(ids.length);
        },
      ),
      { numRuns: 30 },
    );
  });

  it("LLaMA (GQA, both RoPE layouts) and Mistral (both window rules): cached equals full", () => {
    const patterns: AttentionPattern[] = [
      { kind: "causal" },
      { kind: "sliding_window", window: 3, rule: "i-j<W" },
      { kind: "sliding_window", window: 3, rule: "i-j<=W" },
    ];
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e6 }),
        fc.array(fc.nat(10), { minLength: 1, maxLength: 9 }),
        fc.array(fc.integer({ min: 1, max: 4 }), { maxLength: 3 }),
        fc.nat(2),
        fc.constantFrom("rotate_half" as const, "interleaved" as const),
        (seed, ids, sizes, p, ropeConvention) => {
          const config = { ...llamaConfig, ropeConvention };
          const w = initLlama(config, new Rng(seed), 0.3);
          const attention = patterns[p];
          const full = llama(w, config, ids, { attention }).logits.toArray() as number[][];
          const cache = new KVCache(config.numLayers);
          expectRowsClose(chunked(ids, sizes, (c) => llamaCached(w, config, cache, c, attention)), full);
        },
      ),
      { numRuns: 30 },
    );
  });

  it("sliding window: a rolling buffer that never holds more than the window, with the same logits", () => {
    const w = initLlama(llamaConfig, new Rng(8), 0.4);
    const ids = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8];
    for (const [window, rule, held] of [[1, "i-j<W", 0], [3, "i-j<W", 2], [1, "i-j<=W", 1], [3, "i-j<=W", 3]] as const) {
      const attention: AttentionPattern = { kind: "sliding_window", window, rule };
      const full = llama(w, llamaConfig, ids, { attention }).logits.toArray() as number[][];
      const cache = new KVCache(llamaConfig.numLayers);
      const rows = chunked(ids, [2], (c) => {
        const r = llamaCached(w, llamaConfig, cache, c, attention);
        expect(cache.size).toBeLessThanOrEqual(held);
        return r;
      });
      expectRowsClose(rows, full);
      expect([cache.length, cache.size]).toEqual([ids.length, held]);
    }
  });

  it("grows its buffers and slides a rolling window back in place: cached equals full over a long sequence", () => {
    const w = initLlama(llamaConfig, new Rng(11), 0.4);
    const ids = Array.from({ length: 40 }, (_, i) => (i * 7 + 3) % llamaConfig.vocabSize);
    const patterns: AttentionPattern[] = [{ kind: "causal" }, { kind: "sliding_window", window: 5, rule: "i-j<=W" }];
    for (const attention of patterns) {
      const full = llama(w, llamaConfig, ids, { attention }).logits.toArray() as number[][];
      for (const capacity of [1, 3]) {
        const cache = new KVCache(llamaConfig.numLayers, { capacity }); // forces many grow/slide steps
        expectRowsClose(chunked(ids, [3, 1, 2], (c) => llamaCached(w, llamaConfig, cache, c, attention)), full);
        const held = attention.kind === "causal" ? ids.length : 5;
        const hd = llamaConfig.dModel / llamaConfig.numHeads;
        expect(cache.layers[1].keys!.shape).toEqual([held, llamaConfig.numKVHeads, hd]);
        expect(cache.layers[1].values!.shape).toEqual([held, llamaConfig.numKVHeads, hd]);
      }
    }
  });

  it("greedy and beam decoding give the same tokens with and without the cache, also past n_ctx", () => {
    const w = initGpt2(gptConfig, new Rng(4), 0.5);
    const prompt = [1, 2, 3, 4, 5, 6, 7];
    const plain = greedyDecode(gpt2NextTokenLogits(w, gptConfig), prompt, { maxNewTokens: 6 }); // reaches 13 > n_ctx
    const cached = greedyDecode(gpt2CachedNextTokenLogits(w, gptConfig), prompt, { maxNewTokens: 6 });
    expect(cached.tokens).toEqual(plain.tokens);
    expectRowsClose(cached.stepLogits!.toArray() as number[][], plain.stepLogits!.toArray() as number[][]);

    const lw = initLlama(llamaConfig, new Rng(5), 0.5);
    const beamPlain = beamSearch(llamaNextTokenLogits(lw, llamaConfig), [3, 1], { width: 3 }, { maxNewTokens: 4, eosToken: 0 });
    const beamCached = beamSearch(llamaCachedNextTokenLogits(lw, llamaConfig), [3, 1], { width: 3 }, { maxNewTokens: 4, eosToken: 0 });
    expect(beamCached.tokens).toEqual(beamPlain.tokens);
    expect(beamCached.logProb).toBeCloseTo(beamPlain.logProb, 10);
  });

  it("LayerCache gives the held rows a query may see, in held-row coordinates, before and after dropping old rows", () => {
    const cache = new LayerCache(2);
    const rows = (n: number, from: number) => new Tensor(Float64Array.from({ length: 2 * n }, (_, i) => from + Math.floor(i / 2)), [n, 2]);
    cache.append(rows(5, 0), rows(5, 100), 1); // positions 0 … 4
    expect([cache.position, cache.held]).toEqual([5, 5]);
    expect(cache.visibleRows(4, Infinity)).toEqual([0, 5]);
    expect(cache.visibleRows(2, Infinity)).toEqual([0, 3]);
    expect(cache.visibleRows(4, 3)).toEqual([2, 5]);
    expect(cache.visibleRows(1, 3)).toEqual([0, 2]);
    cache.keepLast(2); // positions 3, 4 held as rows 0, 1
    expect(cache.visibleRows(4, 2)).toEqual([0, 2]);
    expect(cache.visibleRows(4, 1)).toEqual([1, 2]);
    const { keys, values } = cache.rows();
    expect(Array.from(keys)).toEqual([3, 3, 4, 4]);
    expect(Array.from(values)).toEqual([103, 103, 104, 104]);
    expect(cache.keys!.shape).toEqual([2, 1, 2]);
    expect("keyBuffer" in cache || "first" in cache).toBe(false); // buffers and offsets are private
  });

  it("refuses to grow past n_ctx and checks the cache", () => {
    const w = initGpt2(gptConfig, new Rng(0));
    const cache = new KVCache(2);
    gpt2Cached(w, gptConfig, cache, [1, 2, 3, 4, 5, 6, 7, 8]);
    expect(() => gpt2Cached(w, gptConfig, cache, [1, 2, 3])).toThrow(
      /gpt2Cached: argument "tokenIds" would reach position 10 ≥ n_ctx=10 \(cache holds 8\)/,
    );
    expect(() => gpt2Cached(w, gptConfig, new KVCache(3), [1])).toThrow(/argument "cache" must be a KVCache with 2 layers/);
    const lw = initLlama(llamaConfig, new Rng(0));
    expect(() => llamaCached(lw, llamaConfig, new KVCache(2), [1, 2], { kind: "mask", mask: [[0, 0], [0, 0]] })).toThrow(
      /cachedSelfAttention: argument "attention" must be causal or sliding_window/,
    );
    expect(() => new KVCache(0)).toThrow(/KVCache: argument "numLayers" must be a positive integer, got 0/);
    expect(() => new KVCache(2, { capacity: -1 })).toThrow(/KVCache: argument "options.capacity" must be an integer ≥ 0, got -1/);
  });
});
