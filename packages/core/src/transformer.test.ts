import { describe, expect, it } from "vitest";
import { decoderLayer } from "./decoder-layer.js";
import { encoderLayer } from "./encoder-layer.js";
import { layerNorm } from "./layer-norm.js";
import { Rng, randn } from "./random.js";
import { initTransformer, transformer, transformerDecode, transformerEncode, type TransformerInitConfig } from "./transformer.js";

const config: TransformerInitConfig = {
  dModel: 8, numHeads: 2, ffnHidden: 16, activation: "relu", norm: "post", numEncoderLayers: 2, numDecoderLayers: 3,
};

describe("transformer", () => {
  it("is the encoder stack + final norm, then the decoder stack over memory + final norm", () => {
    const rng = new Rng(11);
    const w = initTransformer(config, rng, 0.3);
    const src = randn([1, 5, 8], rng);
    const tgt = randn([1, 3, 8], rng);
    const { memory, output } = transformer(src, tgt, w, config);
    let m = src;
    for (const l of w.encoder_layers) m = encoderLayer(m, l, config).output;
    m = layerNorm(m, w.encoder_norm);
    let y = tgt;
    for (const l of w.decoder_layers) y = decoderLayer(y, m, l, config).output;
    y = layerNorm(y, w.decoder_norm);
    expect(Array.from(memory.data)).toEqual(Array.from(m.data));
    expect(Array.from(output.data)).toEqual(Array.from(y.data));
    expect(Array.from(transformerDecode(tgt, transformerEncode(src, w, config), w, config).data)).toEqual(Array.from(y.data));
    expect(w.decoder_layers).toHaveLength(3);
  });

  it("rejects missing layers and bad layer counts", () => {
    const w = initTransformer(config, new Rng(0));
    expect(() => transformer([[1]], [[1]], { ...w, encoder_layers: [] }, config)).toThrow(
      /transformerEncode: argument "weights.encoder_layers" must be a non-empty array of layer weights, got \[\]/,
    );
    expect(() => initTransformer({ ...config, numDecoderLayers: 0 }, new Rng(0))).toThrow(
      /initTransformer: argument "config.numDecoderLayers" must be a positive integer, got 0/,
    );
  });
});
