import { llamaBlock, mistralBlock, type LlamaBlockResult, type LlamaBlockWeights, type RopeConvention, type SlidingWindowRule } from "../../src/index.js";
import { input, optionalInput, optionalParam, param, type Adapter } from "../adapter.js";

const adapter: Adapter = {
  run(c) {
    const config = {
      numHeads: param<number>(c, "n_heads"),
      numKVHeads: optionalParam<number>(c, "n_kv_heads", param<number>(c, "n_heads")),
      normEps: optionalParam(c, "norm_eps", 1e-5),
      ropeBase: optionalParam(c, "rope_base", 10000),
      ropeConvention: optionalParam<RopeConvention>(c, "rope_convention", "rotate_half"),
    };
    const x = input(c, "x");
    const weights = c.weights as unknown as LlamaBlockWeights;
    const startPos = optionalParam(c, "start_pos", 0);
    const kind = optionalParam<string>(c, "mask", "given");
    let r: LlamaBlockResult;
    if (kind === "causal") {
      r = llamaBlock(x, weights, config, { startPos });
    } else if (kind === "sliding_window") {
      // Mistral's block; the case names which of the two window rules it uses.
      const mistral = { ...config, slidingWindow: param<number>(c, "window"), windowRule: param<SlidingWindowRule>(c, "window_rule") };
      r = mistralBlock(x, weights, mistral, { startPos });
    } else {
      // Any other pattern: use the additive mask the case gives.
      r = llamaBlock(x, weights, config, { startPos, attention: { kind: "mask", mask: input(c, "mask") } });
    }
    // The fixture also records the mask it used: ours must be the same (a mismatch is a convention error).
    const given = optionalInput(c, "mask");
    if (given && given.data.some((v, i) => v !== r.mask.data[i])) {
      throw new Error(`llama_block adapter: the ${kind} mask built from params differs from inputs.mask`);
    }
    return { output: r.output, h_after_attention: r.hAfterAttention, attn_weights: r.attentionWeights };
  },
};
export default adapter;
