import { embedBackward } from "./embedding.grad.js";
import { checkShape } from "./errors.js";
import { transpose } from "./ops.js";
import { t5RelativePositionBuckets, type RelativeBucketOptions } from "./t5-relative-bias.js";
import { asTensor, type Tensor, type TensorLike } from "./tensor.js";

/**
 * Reverse mode of the T5 relative bias, bias[h, i, j] = table[bucket(j − i), h]: a lookup shared by every
 * (query, key) pair in the same bucket, so a bucket's gradient sums over them (as a repeated embedding id):
 *   dtable[b, h] = Σ_{(i, j) : bucket(j − i) = b} dbias[h, i, j]
 * dBias (H, L, S), same options as the forward → dtable (numBuckets, H).
 */
export function t5RelativeBiasBackward(
  dBias: TensorLike,
  queryLength: number,
  keyLength: number,
  options: RelativeBucketOptions & { queryOffset?: number },
): Tensor {
  const dB = asTensor(dBias);
  checkShape("t5RelativeBiasBackward", "dBias", dB.shape, ["H", queryLength, keyLength]);
  const buckets = t5RelativePositionBuckets(queryLength, keyLength, options); // (L, S)
  return embedBackward(buckets, transpose(dB, [1, 2, 0]), options.numBuckets ?? 32); // dbias as (L, S, H)
}
