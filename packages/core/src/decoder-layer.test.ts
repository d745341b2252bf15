import { describe, expect, it } from "vitest";
import { decoderLayer, initDecoderLayer, type DecoderLayerInitConfig } from "./decoder-layer.js";
import { causalMask } from "./masks.js";
import { Rng, randn } from "./random.js";

const config: DecoderLayerInitConfig = { dModel: 8, numHeads: 2, ffnHidden: 16, activation: "relu", norm: "pre" };

describe("decoderLayer", () => {
  const rng = new Rng(7);
  const w = initDecoderLayer(config, rng, 0.3);
  const tgt = randn([2, 4, 8], rng);
  const memory = randn([2, 5, 8], rng);

  it("is causal by default, the same as passing causalMask(L)", () => {
    const byDefault = decoderLayer(tgt, memory, w, config);
    const explicit = decoderLayer(tgt, memory, w, config, { tgtMask: causalMask(4) });
    expect(Array.from(byDefault.output.data)).toEqual(Array.from(explicit.output.data));
    expect(byDefault.selfAttentionWeights.get(0, 1, 0, 3)).toBe(0);
    expect(byDefault.crossAttentionWeights.shape).toEqual([2, 2, 4, 5]);
  });

  it("causal: changing a later target position does not change earlier outputs", () => {
    const t2 = tgt.clone();
    for (let c = 0; c < 8; c++) t2.data[3 * 8 + c] += c - 2; // batch 0, position 3 (not a uniform shift, which LayerNorm would erase)
    const a = decoderLayer(tgt, memory, w, config).output;
    const b = decoderLayer(t2, memory, w, config).output;
    for (let i = 0; i < 3 * 8; i++) expect(b.data[i]).toBeCloseTo(a.data[i], 12);
    const none = decoderLayer(t2, memory, w, config, { tgtMask: "none" }).output;
    expect(Math.abs(none.data[0] - decoderLayer(tgt, memory, w, config, { tgtMask: "none" }).output.data[0])).toBeGreaterThan(1e-6);
  });

  it("hides padded memory positions from cross-attention", () => {
    const m2 = memory.clone();
    for (let c = 0; c < 8; c++) m2.data[4 * 8 + c] += c - 3; // batch 0, memory position 4
    const pad = [
      [false, false, false, false, true],
      [false, false, false, false, false],
    ];
    const a = decoderLayer(tgt, memory, w, config, { memoryKeyPaddingMask: pad });
    const b = decoderLayer(tgt, m2, w, config, { memoryKeyPaddingMask: pad });
    for (let i = 0; i < 4 * 8; i++) expect(b.output.data[i]).toBeCloseTo(a.output.data[i], 12);
    expect(a.crossAttentionWeights.get(0, 0, 2, 4)).toBe(0);
  });

  it("rejects a bad mask name or target shape", () => {
    expect(() => decoderLayer(tgt, memory, w, config, { tgtMask: "future" as "none" })).toThrow(
      /decoderLayer: argument "masks.tgtMask" must be "causal", "none" or an additive \(L, L\) tensor, got "future"/,
    );
    expect(() => decoderLayer([1, 2], memory, w, config)).toThrow(/decoderLayer: argument "tgt" must have shape \(L, d_model\), got \(2,\)/);
  });
});
