import { transformer, type TransformerWeights } from "../../src/index.js";
import { input, optionalInput, type Adapter } from "../adapter.js";
import { tgtMask } from "./decoder_layer.js";
import { layerConfig, optionalBool, withEps } from "./encoder_layer.js";

const adapter: Adapter = {
  run(c) {
    const w = c.weights as unknown as TransformerWeights;
    const weights: TransformerWeights = {
      encoder_layers: w.encoder_layers.map((l) => withEps(c, l)),
      decoder_layers: w.decoder_layers.map((l) => withEps(c, l)),
      ...withEps(c, { encoder_norm: w.encoder_norm, decoder_norm: w.decoder_norm }),
    };
    const r = transformer(input(c, "src"), input(c, "tgt"), weights, layerConfig(c), {
      srcMask: optionalInput(c, "src_mask"),
      tgtMask: tgtMask(c),
      memoryMask: optionalInput(c, "memory_mask"),
      srcKeyPaddingMask: optionalBool(c, "src_key_padding_mask"),
      tgtKeyPaddingMask: optionalBool(c, "tgt_key_padding_mask"),
      memoryKeyPaddingMask: optionalBool(c, "memory_key_padding_mask"),
    });
    return { memory: r.memory, output: r.output };
  },
};
export default adapter;
