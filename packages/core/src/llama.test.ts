import { describe, expect, it } from "vitest";
import { ArgumentError } from "./errors.js";
import { initLlama, llama, llamaBlock, llamaGenerate, type LlamaConfig } from "./llama.js";
import { causalMask } from "./masks.js";
import { greedyDecode } from "./decoding.js";
import { mistral, mistralBlock, mistralCachedNextTokenLogits, mistralNextTokenLogits } from "./mistral.js";
import { Rng, randn } from "./random.js";
import { asTensor } from "./tensor.js";

const config: LlamaConfig = { vocabSize: 9, dModel: 8, numLayers: 2, numHeads: 4, numKVHeads: 2, ffnHidden: 12 };

describe("llama", () => {
  const w = initLlama(config, new Rng(2), 0.4);

  it("has the documented weight shapes (GQA: W_K, W_V are d × H_kv·hd)", () => {
    const b = w.layers[0];
    expect([b.W_Q, b.W_K, b.W_V, b.W_O, b.W1, b.W3, b.W2].map((t) => asTensor(t).shape)).toEqual([
      [8, 8], [8, 4], [8, 4], [8, 8], [8, 12], [8, 12], [12, 8],
    ]);
  });

  it("block: h is x plus attention, output is h plus the MLP; weights are causal", () => {
    const x = randn([5, 8], new Rng(3));
    const r = llamaBlock(x, w.layers[0], config);
    expect(r.attentionWeights.shape).toEqual([4, 5, 5]);
    expect(r.attentionWeights.get(2, 1, 3)).toBe(0);
    expect(r.mask.get(0, 1)).toBe(-Infinity);
  });

  it("RoPE makes attention depend on relative positions only: shifting start_pos keeps the block output", () => {
    const x = randn([4, 8], new Rng(4));
    const a = llamaBlock(x, w.layers[0], config, { startPos: 0 }).output;
    const b = llamaBlock(x, w.layers[0], config, { startPos: 7 }).output;
    for (let i = 0; i < a.size; i++) expect(b.data[i]).toBeCloseTo(a.data[i], 10);
  });

  it("Mistral: a window as long as the sequence is plain causal attention; a short one differs", () => {
    const ids = [1, 4, 2, 8, 5];
    const full = llama(w, config, ids).logits;
    const wide = mistral(w, { ...config, slidingWindow: 5, windowRule: "i-j<W" }, ids).logits;
    expect(Array.from(wide.data)).toEqual(Array.from(full.data));
    const narrow = mistral(w, { ...config, slidingWindow: 2, windowRule: "i-j<W" }, ids).logits;
    expect(narrow.get(4, 0)).not.toBe(full.get(4, 0));
    // the two rules differ by one key: W under "i-j<=W" is W+1 under "i-j<W"
    const le = mistralBlock(randn([5, 8], new Rng(5)), w.layers[0], { ...config, slidingWindow: 2, windowRule: "i-j<=W" });
    const lt = mistralBlock(randn([5, 8], new Rng(5)), w.layers[0], { ...config, slidingWindow: 3, windowRule: "i-j<W" });
    expect(Array.from(le.output.data)).toEqual(Array.from(lt.output.data));
  });

  it("accepts an explicit additive mask; causalMask(T) reproduces the causal default", () => {
    const x = randn([4, 8], new Rng(6));
    const a = llamaBlock(x, w.layers[1], config);
    const b = llamaBlock(x, w.layers[1], config, { attention: { kind: "mask", mask: causalMask(4) } });
    expect(Array.from(b.output.data)).toEqual(Array.from(a.output.data));
    expect(() => llamaBlock(x, w.layers[1], config, { attention: { kind: "mask", mask: causalMask(3) } })).toThrow(
      /llamaBlock: argument "attention.mask" must have shape \(4, 4\), got \(3, 3\)/,
    );
  });

  it("Mistral with its rolling KV cache generates what full recomputation generates", () => {
    const m = { ...config, slidingWindow: 2, windowRule: "i-j<=W" } as const;
    const wide = initLlama(config, new Rng(9), 0.6);
    const plain = greedyDecode(mistralNextTokenLogits(wide, m), [1, 2, 3], { maxNewTokens: 8 });
    const cached = greedyDecode(mistralCachedNextTokenLogits(wide, m), [1, 2, 3], { maxNewTokens: 8 });
    expect(cached.tokens).toEqual(plain.tokens);
  });

  it("greedy generation is deterministic", () => {
    const g = llamaGenerate(w, config, [1, 2], { kind: "greedy" }, { maxNewTokens: 5 });
    expect(g.tokens).toHaveLength(5);
    expect(llamaGenerate(w, config, [1, 2], { kind: "greedy" }, { maxNewTokens: 5 }).tokens).toEqual(g.tokens);
  });

  it("rejects bad configs", () => {
    const x = randn([3, 8], new Rng(0));
    expect(() => llamaBlock(x, w.layers[0], { ...config, numKVHeads: 3 })).toThrow(ArgumentError);
    expect(() => llamaBlock(x, w.layers[0], { ...config, numKVHeads: 3 })).toThrow(/llamaBlock: argument "config.numKVHeads" must divide numHeads=4, got 3/);
    expect(() => llamaBlock(x, w.layers[0], config, { attention: { kind: "local" } as never })).toThrow(/argument "attention" must be/);
    expect(() => mistral(w, { ...config, slidingWindow: 2, windowRule: "i-j<2" as "i-j<W" }, [1])).toThrow(
      /mistral: argument "config.windowRule" must be "i-j<W" or "i-j<=W", got "i-j<2"/,
    );
    expect(() => mistral(w, { ...config, slidingWindow: 0, windowRule: "i-j<W" }, [1])).toThrow(/argument "config.slidingWindow" must be a positive integer, got 0/);
    expect(() => llamaBlock(x, { ...w.layers[0], W3: undefined } as never, config)).toThrow(/llamaBlock: argument "weights" is missing W3/);
    expect(() => llama(w, { ...config, vocabSize: 10 }, [1])).toThrow(/llama: argument "weights.tok_embeddings" must have shape \(10, 8\), got \(9, 8\)/);
  });
});
