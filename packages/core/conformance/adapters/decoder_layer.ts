import { decoderLayer, decoderLayerBackward, type DecoderLayerMasks, type DecoderLayerWeights } from "../../src/index.js";
import { input, optionalInput, optionalParam, upstreamTensor, type Adapter } from "../adapter.js";
import type { FixtureCase } from "../fixture.js";
import { layerConfig, optionalBool, withEps } from "./encoder_layer.js";

/** The decoder self-attention mask: the given additive tgt_mask, else causal unless params.causal_tgt_mask is false. */
export function tgtMask(c: FixtureCase): DecoderLayerMasks["tgtMask"] {
  return optionalInput(c, "tgt_mask") ?? (optionalParam(c, "causal_tgt_mask", true) ? "causal" : "none");
}

function masks(c: FixtureCase): DecoderLayerMasks {
  return {
    tgtMask: tgtMask(c),
    memoryMask: optionalInput(c, "memory_mask"),
    tgtKeyPaddingMask: optionalBool(c, "tgt_key_padding_mask"),
    memoryKeyPaddingMask: optionalBool(c, "memory_key_padding_mask"),
  };
}

const adapter: Adapter = {
  run(c) {
    const r = decoderLayer(input(c, "tgt"), input(c, "memory"), withEps(c, c.weights as unknown as DecoderLayerWeights), layerConfig(c), masks(c));
    return { output: r.output, self_attn_weights: r.selfAttentionWeights, cross_attn_weights: r.crossAttentionWeights };
  },
  backward(c, of, upstream) {
    if (of !== "output") throw new Error(`cannot differentiate "${of}"`);
    const weights = withEps(c, c.weights as unknown as DecoderLayerWeights);
    const g = decoderLayerBackward(input(c, "tgt"), input(c, "memory"), weights, layerConfig(c), upstreamTensor(upstream), masks(c));
    return { inputs: { tgt: g.dTgt, memory: g.dMemory }, weights: g.grads };
  },
};
export default adapter;
