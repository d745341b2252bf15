import { embed } from "./embedding.js";
import { ArgumentError, checkShape } from "./errors.js";
import { transpose } from "./ops.js";
import { Tensor, asTensor, type TensorLike } from "./tensor.js";

/**
 * T5 relative position bias (Raffel et al. 2020), matching Hugging Face `T5Attention._relative_position_bucket`.
 *
 * Instead of position embeddings, T5 adds a learned scalar per (head, bucket) to the attention scores:
 *
 *   scores[h, i, j] = q_i · k_j + table[bucket(j − i), h]
 *
 * The relative position n = j − i (key minus query) is put into one of `numBuckets` buckets:
 *   bidirectional (encoder): half the buckets for n > 0, half for n ≤ 0, then |n| is bucketed;
 *   causal (decoder):        n' = max(−n, 0), future keys share bucket 0 (they are masked anyway).
 * Within the range, distances below maxExact = buckets/2 get their own bucket; larger ones are spaced
 * logarithmically up to maxDistance, and everything beyond shares the last bucket:
 *
 *   bucket(n') = n'                                                               if n' < maxExact
 *              = min(maxExact + ⌊log(n'/maxExact) / log(maxDistance/maxExact) · (buckets − maxExact)⌋, buckets − 1)
 *
 * HF evaluates the logarithm in float32 (`relative_position.float()`); this file does the same with Math.fround so
 * bucket boundaries agree exactly. T5 itself does not scale scores by 1/√d_head (it folds that into W_Q's init).
 */

/** Encoder self-attention sees both directions; decoder self-attention is causal. */
export type RelativeBiasDirection = "bidirectional" | "causal";

export interface RelativeBucketOptions {
  direction: RelativeBiasDirection;
  /** Default 32 (T5). */
  numBuckets?: number;
  /** Default 128 (T5). */
  maxDistance?: number;
}

/** The bucket of one relative position `n = key_pos − query_pos`. */
export function t5RelativePositionBucket(relativePosition: number, options: RelativeBucketOptions): number {
  const { numBuckets, maxDistance, direction } = checkBucketOptions("t5RelativePositionBucket", options);
  if (!Number.isInteger(relativePosition)) {
    throw new ArgumentError("t5RelativePositionBucket", "relativePosition", `must be an integer, got ${relativePosition}`);
  }
  return bucket(relativePosition, direction, numBuckets, maxDistance);
}

/**
 * Buckets for every (query, key) pair: out[i, j] = bucket(j − i), with query i at absolute position
 * `queryOffset + i` (use the cache length when decoding incrementally) and key j at position j.
 * → (L, S), integer-valued.
 */
export function t5RelativePositionBuckets(
  queryLength: number,
  keyLength: number,
  options: RelativeBucketOptions & { queryOffset?: number },
): Tensor {
  const fn = "t5RelativePositionBuckets";
  const { numBuckets, maxDistance, direction } = checkBucketOptions(fn, options);
  const queryOffset = options.queryOffset ?? 0;
  checkCount(fn, "queryLength", queryLength, 1);
  checkCount(fn, "keyLength", keyLength, 1);
  checkCount(fn, "queryOffset", queryOffset, 0);
  const out = Tensor.zeros([queryLength, keyLength]); // (L, S)
  for (let i = 0; i < queryLength; i++) {
    for (let j = 0; j < keyLength; j++) {
      out.data[i * keyLength + j] = bucket(j - (queryOffset + i), direction, numBuckets, maxDistance);
    }
  }
  return out;
}

/**
 * The additive bias: bias[h, i, j] = table[bucket(j − i), h], from the learned `table` (numBuckets, H)
 * (HF `relative_attention_bias.weight`). → (H, L, S); add it to the scores (…, H, L, S) like an additive mask.
 */
export function t5RelativeBias(
  table: TensorLike,
  queryLength: number,
  keyLength: number,
  options: RelativeBucketOptions & { queryOffset?: number },
): Tensor {
  const t = asTensor(table);
  const numBuckets = options.numBuckets ?? 32;
  checkShape("t5RelativeBias", "table", t.shape, [numBuckets, "H"]);
  const buckets = t5RelativePositionBuckets(queryLength, keyLength, options); // (L, S)
  const bias = embed(t, buckets); // (L, S, H)
  return transpose(bias, [2, 0, 1]); // (H, L, S)
}

function bucket(n: number, direction: RelativeBiasDirection, numBuckets: number, maxDistance: number): number {
  let buckets = numBuckets;
  let offset = 0;
  let distance: number;
  if (direction === "bidirectional") {
    buckets = Math.floor(buckets / 2);
    if (n > 0) offset = buckets;
    distance = Math.abs(n);
  } else {
    distance = Math.max(-n, 0);
  }
  const maxExact = Math.floor(buckets / 2);
  if (distance < maxExact) return offset + distance;
  const f = Math.fround;
  // float32, step by step as torch does: log(n/maxExact) / log(maxDistance/maxExact) * (buckets - maxExact)
  const ratio = f(f(Math.log(f(f(distance) / maxExact))) / f(Math.log(maxDistance / maxExact)));
  const large = maxExact + Math.trunc(f(ratio * (buckets - maxExact)));
  return offset + Math.min(large, buckets - 1);
}

function checkBucketOptions(fn: string, options: RelativeBucketOptions): Required<RelativeBucketOptions> {
  const { direction, numBuckets = 32, maxDistance = 128 } = options;
  if (direction !== "bidirectional" && direction !== "causal") {
    throw new ArgumentError(fn, "direction", `must be "bidirectional" or "causal", got ${JSON.stringify(direction)}`);
  }
  const minBuckets = direction === "bidirectional" ? 4 : 2;
  checkCount(fn, "numBuckets", numBuckets, minBuckets);
  const maxExact = Math.floor(Math.floor(numBuckets / (direction === "bidirectional" ? 2 : 1)) / 2);
  if (!Number.isInteger(maxDistance) || maxDistance <= maxExact) {
    throw new ArgumentError(fn, "maxDistance", `must be an integer above the exact range ${maxExact}, got ${maxDistance}`);
  }
  return { direction, numBuckets, maxDistance };
}

function checkCount(fn: string, arg: string, v: number, min: number): void {
  if (!Number.isInteger(v) || v < min) throw new ArgumentError(fn, arg, `must be an integer ≥ ${min}, got ${v}`);
}
