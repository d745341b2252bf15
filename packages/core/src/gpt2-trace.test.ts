import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { geluTanh } from "./activations.js";
import { loadGpt2 } from "./gpt2-checkpoint.js";
import { gpt2, gpt2AttentionMaps, initGpt2, type Gpt2Config } from "./gpt2.js";
import { gpt2Trace } from "./gpt2-trace.js";
import { linear } from "./linear.js";
import { Rng } from "./random.js";
import type { Tensor } from "./tensor.js";

const model = loadGpt2(new Uint8Array(readFileSync(new URL("../models/char-gpt/model.safetensors", import.meta.url))));

function maxDiff(a: Tensor, b: Tensor): number {
  expect(a.shape).toEqual(b.shape);
  let m = 0;
  for (let i = 0; i < a.size; i++) m = Math.max(m, Math.abs(a.data[i] - b.data[i]));
  return m;
}

describe("gpt2Trace", () => {
  const ids = model.tokenizer!.encode("Attention is all you need.", "error");
  const trace = gpt2Trace(model.weights, model.config, ids);
  const { numHeads: H, dModel: d, numLayers: L } = model.config;
  const hd = d / H;
  const T = ids.length;

  it("ends in gpt2's logits and holds gpt2AttentionMaps' weights (the trained char-gpt)", () => {
    expect(maxDiff(trace.logits, gpt2(model.weights, model.config, ids).logits)).toBeLessThanOrEqual(1e-12);
    const { maps } = gpt2AttentionMaps(model.weights, model.config, ids);
    expect(trace.layers.length).toBe(L);
    trace.layers.forEach((layer, l) => expect(maxDiff(layer.weights, maps[l])).toBeLessThanOrEqual(1e-12));
  });

  it("has the documented shapes, and each step follows from the one before", () => {
    expect(trace.context).toEqual(ids);
    const wte = model.weights.wte as Tensor;
    const wpe = model.weights.wpe as Tensor;
    for (let t = 0; t < T; t++) {
      for (let c = 0; c < d; c++) {
        expect(trace.tokenEmbedding.get(t, c)).toBe(wte.get(ids[t], c));
        expect(trace.positionEmbedding.get(t, c)).toBe(wpe.get(t, c));
        expect(trace.embedding.get(t, c)).toBe(wte.get(ids[t], c) + wpe.get(t, c));
      }
    }
    const block = (l: number) => model.weights.blocks[l];
    let x = trace.embedding;
    trace.layers.forEach((layer, l) => {
      expect(layer.input).toBe(x);
      for (const name of ["q", "k", "v"] as const) expect(layer[name].shape).toEqual([H, T, hd]);
      expect(layer.scores.shape).toEqual([H, T, T]);
      expect(layer.mlpHidden.shape).toEqual([T, 4 * d]);
      for (let h = 0; h < H; h++) {
        for (let i = 0; i < T; i++) {
          let rowSum = 0;
          for (let j = 0; j < T; j++) {
            // The score is the scaled dot product of query i and key j; above the diagonal it is masked.
            let dot = 0;
            for (let c = 0; c < hd; c++) dot += layer.q.get(h, i, c) * layer.k.get(h, j, c);
            if (j > i) expect(layer.scores.get(h, i, j)).toBe(-Infinity);
            else expect(Math.abs(layer.scores.get(h, i, j) - dot / Math.sqrt(hd))).toBeLessThanOrEqual(1e-12);
            rowSum += layer.weights.get(h, i, j);
          }
          expect(Math.abs(rowSum - 1)).toBeLessThanOrEqual(1e-12);
        }
      }
      for (let t = 0; t < T; t++) {
        for (let c = 0; c < d; c++) {
          // The heads sit side by side: head h's output is columns [h·hd, (h+1)·hd) of `heads`.
          const h = Math.floor(c / hd);
          let o = 0;
          for (let j = 0; j < T; j++) o += layer.weights.get(h, t, j) * layer.v.get(h, j, c % hd);
          expect(Math.abs(layer.heads.get(t, c) - o)).toBeLessThanOrEqual(1e-12);
          expect(layer.afterAttention.get(t, c)).toBe(layer.input.get(t, c) + layer.attention.get(t, c));
          expect(layer.output.get(t, c)).toBe(layer.afterAttention.get(t, c) + layer.mlp.get(t, c));
        }
      }
      expect(maxDiff(layer.mlpHidden, geluTanh(linear(layer.ln2, block(l).W_fc, block(l).b_fc)))).toBe(0);
      x = layer.output;
    });
    expect(trace.logits.shape).toEqual([T, model.config.vocabSize]);
  });

  it("equals gpt2 on random models and token ids, beyond n_ctx too", () => {
    const config: Gpt2Config = { vocabSize: 13, contextLength: 6, dModel: 8, numHeads: 2, numLayers: 2 };
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 1, maxLength: 9 }), (seed, tokens) => {
        const w = initGpt2(config, new Rng(seed), 0.5);
        const t = gpt2Trace(w, config, tokens);
        const ref = gpt2(w, config, tokens);
        expect(t.context).toEqual(ref.context);
        expect(maxDiff(t.logits, ref.logits)).toBeLessThanOrEqual(1e-12);
        const { maps } = gpt2AttentionMaps(w, config, tokens);
        t.layers.forEach((layer, l) => expect(maxDiff(layer.weights, maps[l])).toBeLessThanOrEqual(1e-12));
      }),
      { numRuns: 40 },
    );
  });

  it("names the argument at fault", () => {
    expect(() => gpt2Trace(model.weights, model.config, [])).toThrow(/gpt2Trace: argument "tokenIds"/);
    expect(() => gpt2Trace(model.weights, model.config, [model.config.vocabSize])).toThrow(/gpt2Trace: argument "tokenIds"/);
    expect(() => gpt2Trace(model.weights, { ...model.config, numLayers: 3 }, [0])).toThrow(/gpt2Trace: argument "weights.blocks"/);
  });
});
