import { ArgumentError, ShapeError } from "./errors.js";
import type { EmbedOptions } from "./embedding.js";
import { Tensor, asTensor, type TensorLike } from "./tensor.js";

/**
 * Reverse mode of the lookup out[t] = table[ids[t]] · scale, as torch `nn.Embedding`:
 *   dtable[v] = scale · Σ_{t : ids[t] = v} dy[t]
 * A repeated id accumulates; the `paddingIdx` row gets no gradient (torch never updates it).
 * ids (…) integers, dy (…, d) → dtable (vocabSize, d).
 */
export function embedBackward(ids: TensorLike, dy: TensorLike, vocabSize: number, options: EmbedOptions = {}): Tensor {
  const fn = "embedBackward";
  const I = asTensor(ids);
  const dY = asTensor(dy);
  const d = dY.shape[dY.rank - 1];
  if (dY.size !== I.size * d) throw new ShapeError(fn, "dy", `(…ids shape, d) with ${I.size} ids`, dY.shape);
  const { scale = false, paddingIdx } = options;
  const factor = scale === true ? Math.sqrt(d) : typeof scale === "number" ? scale : 1;
  const pad = paddingIdx === undefined || paddingIdx === null ? -1 : paddingIdx < 0 ? paddingIdx + vocabSize : paddingIdx;
  const dTable = Tensor.zeros([vocabSize, d]);
  for (let t = 0; t < I.size; t++) {
    const id = I.data[t];
    if (!Number.isInteger(id) || id < 0 || id >= vocabSize) {
      throw new ArgumentError(fn, "ids", `must hold integers in [0, ${vocabSize}), got ${id} at flat index ${t}`);
    }
    if (id === pad) continue;
    for (let j = 0; j < d; j++) dTable.data[id * d + j] += factor * dY.data[t * d + j];
  }
  return dTable;
}

/**
 * Reverse mode of learned positions (GPT-2 `wpe`): rows start … start+T−1 of the table were read, so
 *   dtable[start + t] = dy[t], other rows 0.   dy (T, d) → dtable (ctx, d).
 * (Sinusoidal encodings are constants: adding one passes dy through unchanged and has no parameters.)
 */
export function learnedPositionsBackward(dy: TensorLike, ctx: number, start = 0): Tensor {
  const dY = asTensor(dy);
  const [T, d] = dY.shape;
  if (dY.rank !== 2 || start + T > ctx) throw new ShapeError("learnedPositionsBackward", "dy", `(T ≤ ctx − start = ${ctx - start}, d)`, dY.shape);
  const dTable = Tensor.zeros([ctx, d]);
  dTable.data.set(dY.data, start * d);
  return dTable;
}
