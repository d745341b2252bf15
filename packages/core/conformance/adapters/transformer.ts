import { transformer, transformerBackward, type TransformerMasks, type TransformerWeights } from "../../src/index.js";
import { input, optionalInput, upstreamTensor, type Adapter } from "../adapter.js";
import type { FixtureCase } from "../fixture.js";
import { tgtMask } from "./decoder_layer.js";
import { layerConfig, optionalBool, withEps } from "./encoder_layer.js";

function weightsOf(c: FixtureCase): TransformerWeights {
  const w = c.weights as unknown as TransformerWeights;
  return {
    encoder_layers: w.encoder_layers.map((l) => withEps(c, l)),
    decoder_layers: w.decoder_layers.map((l) => withEps(c, l)),
    ...withEps(c, { encoder_norm: w.encoder_norm, decoder_norm: w.decoder_norm }),
  };
}

function masks(c: FixtureCase): TransformerMasks {
  return {
    srcMask: optionalInput(c, "src_mask"),
    tgtMask: tgtMask(c),
    memoryMask: optionalInput(c, "memory_mask"),
    srcKeyPaddingMask: optionalBool(c, "src_key_padding_mask"),
    tgtKeyPaddingMask: optionalBool(c, "tgt_key_padding_mask"),
    memoryKeyPaddingMask: optionalBool(c, "memory_key_padding_mask"),
  };
}

const adapter: Adapter = {
  run(c) {
    const r = transformer(input(c, "src"), input(c, "tgt"), weightsOf(c), layerConfig(c), masks(c));
    return { memory: r.memory, output: r.output };
  },
  backward(c, of, upstream) {
    if (of !== "output" && of !== "memory") throw new Error(`cannot differentiate "${of}"`);
    const g = transformerBackward(input(c, "src"), input(c, "tgt"), weightsOf(c), layerConfig(c), { [of]: upstreamTensor(upstream) }, masks(c));
    return { inputs: { src: g.dSrc, tgt: g.dTgt }, weights: g.grads };
  },
};
export default adapter;
