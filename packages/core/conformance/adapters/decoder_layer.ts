import { decoderLayer, type DecoderLayerMasks, type DecoderLayerWeights } from "../../src/index.js";
import { input, optionalInput, optionalParam, type Adapter } from "../adapter.js";
import type { FixtureCase } from "../fixture.js";
import { layerConfig, optionalBool, withEps } from "./encoder_layer.js";

/** The decoder self-attention mask: the given additive tgt_mask, else causal unless params.causal_tgt_mask is false. */
export function tgtMask(c: FixtureCase): DecoderLayerMasks["tgtMask"] {
  return optionalInput(c, "tgt_mask") ?? (optionalParam(c, "causal_tgt_mask", true) ? "causal" : "none");
}

const adapter: Adapter = {
  run(c) {
    const r = decoderLayer(input(c, "tgt"), input(c, "memory"), withEps(c, c.weights as unknown as DecoderLayerWeights), layerConfig(c), {
      tgtMask: tgtMask(c),
      memoryMask: optionalInput(c, "memory_mask"),
      tgtKeyPaddingMask: optionalBool(c, "tgt_key_padding_mask"),
      memoryKeyPaddingMask: optionalBool(c, "memory_key_padding_mask"),
    });
    return { output: r.output, self_attn_weights: r.selfAttentionWeights, cross_attn_weights: r.crossAttentionWeights };
  },
};
export default adapter;
