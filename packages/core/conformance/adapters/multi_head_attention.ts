import { causalMask, multiHeadAttention, type AttentionWeights } from "../../src/index.js";
import { boolInput, input, optionalInput, optionalParam, optionalWeight, param, weight, type Adapter } from "../adapter.js";

const adapter: Adapter = {
  run(c) {
    const query = input(c, "query");
    const keyValue = optionalInput(c, "memory") ?? optionalInput(c, "key") ?? query;
    const weights: AttentionWeights = {
      W_Q: weight(c, "W_Q"),
      W_K: weight(c, "W_K"),
      W_V: weight(c, "W_V"),
      W_O: weight(c, "W_O"),
      b_Q: optionalWeight(c, "b_Q"),
      b_K: optionalWeight(c, "b_K"),
      b_V: optionalWeight(c, "b_V"),
      b_O: optionalWeight(c, "b_O"),
    };
    const L = query.shape[query.rank - 2];
    const S = keyValue.shape[keyValue.rank - 2];
    let attnMask = optionalInput(c, "attn_mask");
    if (!attnMask && optionalParam(c, "causal", false)) attnMask = causalMask(L, S);
    const r = multiHeadAttention(query, keyValue, weights, {
      numHeads: param<number>(c, "num_heads"),
      numKVHeads: optionalParam<number | undefined>(c, "num_kv_heads", undefined),
      attnMask,
      keyPaddingMask: "key_padding_mask" in c.inputs ? boolInput(c, "key_padding_mask") : undefined,
      value: optionalInput(c, "value"),
    });
    return { output: r.output, attn_weights_avg: r.averageWeights, attn_weights_per_head: r.weights };
  },
};
export default adapter;
