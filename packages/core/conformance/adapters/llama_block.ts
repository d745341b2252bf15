import { llamaBlock, mistralBlock, type LlamaBlockResult, type LlamaBlockWeights, type RopeConvention, type SlidingWindowRule } from "../../src/index.js";
import { input, optionalInput, optionalParam, param, type Adapter } from "../adapter.js";

/** FORMAT.md: `window_rule` begins with the rule ("i-j<W" or "i-j<=W"); explanatory text may follow. */
export function windowRule(text: string): SlidingWindowRule {
  const compact = text.replace(/\s+/g, "");
  for (const rule of ["i-j<=W", "i-j<W"] as const) if (compact.startsWith(rule)) return rule;
  throw new Error(`params.window_rule must begin with "i-j<W" or "i-j<=W", got ${JSON.stringify(text)}`);
}

const adapter: Adapter = {
  run(c) {
    const config = {
      nHeads: param<number>(c, "n_heads"),
      nKVHeads: optionalParam<number>(c, "n_kv_heads", param<number>(c, "n_heads")),
      normEps: optionalParam(c, "norm_eps", 1e-5),
      ropeBase: optionalParam(c, "rope_base", 10000),
      ropeConvention: optionalParam<RopeConvention>(c, "rope_convention", "rotate_half"),
    };
    const x = input(c, "x");
    const weights = c.weights as unknown as LlamaBlockWeights;
    const startPos = optionalParam(c, "start_pos", 0);
    const window = optionalParam<number | undefined>(c, "sliding_window", undefined);
    const given = optionalInput(c, "mask");
    let r: LlamaBlockResult;
    if (window !== undefined) {
      // Mistral's block; the case names which of the two window rules it uses.
      const mistral = { ...config, slidingWindow: window, windowRule: windowRule(param<string>(c, "window_rule")) };
      r = mistralBlock(x, weights, mistral, { startPos });
    } else if (optionalParam(c, "mask", given ? "given" : "causal") === "causal") {
      r = llamaBlock(x, weights, config, { startPos });
    } else {
      // Any other pattern: use the additive mask the case gives.
      r = llamaBlock(x, weights, config, { startPos, attention: { kind: "mask", mask: input(c, "mask") } });
    }
    // The fixture also records the mask it used: ours must be the same (a mismatch is a convention error).
    if (given && given.data.some((v, i) => v !== r.mask.data[i])) {
      throw new Error(`llama_block adapter: the mask built from params differs from inputs.mask`);
    }
    return { output: r.output, h_after_attention: r.hAfterAttention, attn_weights: r.attentionWeights };
  },
};
export default adapter;
