import {
  boolKeepMask,
  causalMask,
  combineMasks,
  keyPaddingMask,
  scaledDotProductAttention,
  scaledDotProductAttentionBackward,
  type AttentionOptions,
  type Tensor,
} from "../../src/index.js";
import { boolInput, input, optionalInput, upstreamTensor, type Adapter } from "../adapter.js";
import type { FixtureCase } from "../fixture.js";

/** Key padding (…batch, S) → additive (…batch, 1, S), broadcasting over the queries of each batch element. */
function paddingFor(padding: Tensor): Tensor {
  const additive = keyPaddingMask(padding.reshape([padding.size]));
  return additive.reshape([...padding.shape.slice(0, -1), 1, padding.shape[padding.rank - 1]]);
}

/** Every mask the case gives (additive, key padding, bool keep), or causal by params.variant, as one option set. */
function attentionOptions(c: FixtureCase, L: number, S: number): AttentionOptions {
  let attnMask = optionalInput(c, "attn_mask");
  if (!attnMask && c.params.variant === "causal") attnMask = causalMask(L, S);
  const mask = combineMasks(
    attnMask,
    "key_padding_mask" in c.inputs ? paddingFor(boolInput(c, "key_padding_mask")) : undefined,
    "attn_mask_bool_keep" in c.inputs ? boolKeepMask(boolInput(c, "attn_mask_bool_keep")) : undefined,
  );
  return { mask, scale: typeof c.params.scale === "number" ? c.params.scale : undefined };
}

const adapter: Adapter = {
  run(c) {
    const [Q, K, V] = [input(c, "Q"), input(c, "K"), input(c, "V")];
    const { scores, weights, output } = scaledDotProductAttention(Q, K, V, attentionOptions(c, Q.shape[Q.rank - 2], K.shape[K.rank - 2]));
    return { scores, weights, output };
  },
  backward(c, of, upstream) {
    if (!["output", "weights", "scores"].includes(of)) throw new Error(`cannot differentiate "${of}"`);
    const [Q, K, V] = [input(c, "Q"), input(c, "K"), input(c, "V")];
    const options = attentionOptions(c, Q.shape[Q.rank - 2], K.shape[K.rank - 2]);
    const { dQ, dK, dV } = scaledDotProductAttentionBackward(Q, K, V, { [of]: upstreamTensor(upstream) }, options);
    return { inputs: { Q: dQ, K: dK, V: dV } };
  },
};
export default adapter;
