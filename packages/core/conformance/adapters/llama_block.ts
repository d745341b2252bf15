import {
  llamaBlock,
  llamaBlockBackward,
  type AttentionPattern,
  type LlamaBlockConfig,
  type LlamaBlockOptions,
  type LlamaBlockUpstream,
  type LlamaBlockWeights,
  type RopeConvention,
  type SlidingWindowRule,
  type Tensor,
} from "../../src/index.js";
import { input, optionalInput, optionalParam, param, upstreamTensor, type Adapter } from "../adapter.js";
import type { FixtureCase } from "../fixture.js";

/** FORMAT.md: `window_rule` begins with the rule ("i-j<W" or "i-j<=W"); explanatory text may follow. */
export function windowRule(text: string): SlidingWindowRule {
  const compact = text.replace(/\s+/g, "");
  for (const rule of ["i-j<=W", "i-j<W"] as const) if (compact.startsWith(rule)) return rule;
  throw new Error(`params.window_rule must begin with "i-j<W" or "i-j<=W", got ${JSON.stringify(text)}`);
}

/** Config, block options (start position and attention pattern) and input of a case. */
function setup(c: FixtureCase): { x: Tensor; weights: LlamaBlockWeights; config: LlamaBlockConfig; options: LlamaBlockOptions } {
  const config = {
    numHeads: param<number>(c, "n_heads"),
    numKVHeads: optionalParam<number>(c, "n_kv_heads", param<number>(c, "n_heads")),
    normEps: optionalParam(c, "norm_eps", 1e-5),
    ropeBase: optionalParam(c, "rope_base", 10000),
    ropeConvention: optionalParam<RopeConvention>(c, "rope_convention", "rotate_half"),
  };
  const window = optionalParam<number | undefined>(c, "sliding_window", undefined);
  let attention: AttentionPattern;
  if (window !== undefined) {
    // Mistral's pattern; the case names which of the two window rules it uses.
    attention = { kind: "sliding_window", window, rule: windowRule(param<string>(c, "window_rule")) };
  } else if (optionalParam(c, "mask", "mask" in c.inputs ? "given" : "causal") === "causal") {
    attention = { kind: "causal" };
  } else {
    // Any other pattern: use the additive mask the case gives.
    attention = { kind: "mask", mask: input(c, "mask") };
  }
  const options = { startPos: optionalParam(c, "start_pos", 0), attention };
  return { x: input(c, "x"), weights: c.weights as unknown as LlamaBlockWeights, config, options };
}

const UPSTREAM: Record<string, keyof LlamaBlockUpstream> = {
  output: "output",
  h_after_attention: "hAfterAttention",
  attn_weights: "attentionWeights",
};

const adapter: Adapter = {
  run(c) {
    const { x, weights, config, options } = setup(c);
    const r = llamaBlock(x, weights, config, options);
    // The fixture also records the mask it used: ours must be the same (a mismatch is a convention error).
    const given = optionalInput(c, "mask");
    if (given && given.data.some((v, i) => v !== r.mask.data[i])) {
      throw new Error(`llama_block adapter: the mask built from params differs from inputs.mask`);
    }
    return { output: r.output, h_after_attention: r.hAfterAttention, attn_weights: r.attentionWeights };
  },
  backward(c, of, upstream) {
    const key = UPSTREAM[of];
    if (!key) throw new Error(`cannot differentiate "${of}"`);
    const { x, weights, config, options } = setup(c);
    const g = llamaBlockBackward(x, weights, config, { [key]: upstreamTensor(upstream) }, options);
    return { inputs: { x: g.dx }, weights: g.grads };
  },
};
export default adapter;
