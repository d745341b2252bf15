import { boolKeepMask, causalMask, combineMasks, keyPaddingMask, scaledDotProductAttention, type Tensor } from "../../src/index.js";
import { boolInput, input, optionalInput, type Adapter } from "../adapter.js";

/** Key padding (…batch, S) → additive (…batch, 1, S), broadcasting over the queries of each batch element. */
function paddingFor(padding: Tensor): Tensor {
  const additive = keyPaddingMask(padding.reshape([padding.size]));
  return additive.reshape([...padding.shape.slice(0, -1), 1, padding.shape[padding.rank - 1]]);
}

const adapter: Adapter = {
  run(c) {
    const Q = input(c, "Q");
    const K = input(c, "K");
    const V = input(c, "V");
    const L = Q.shape[Q.rank - 2];
    const S = K.shape[K.rank - 2];
    let attnMask = optionalInput(c, "attn_mask");
    if (!attnMask && c.params.variant === "causal") attnMask = causalMask(L, S);
    const mask = combineMasks(
      attnMask,
      "key_padding_mask" in c.inputs ? paddingFor(boolInput(c, "key_padding_mask")) : undefined,
      "attn_mask_bool_keep" in c.inputs ? boolKeepMask(boolInput(c, "attn_mask_bool_keep")) : undefined,
    );
    const scale = typeof c.params.scale === "number" ? c.params.scale : undefined;
    const { scores, weights, output } = scaledDotProductAttention(Q, K, V, { mask, scale });
    return { scores, weights, output };
  },
};
export default adapter;
