import { ArgumentError, ShapeError, checkShape } from "./errors.js";
import { Tensor, asTensor, type TensorLike } from "./tensor.js";

export interface EmbedOptions {
  /**
   * Multiply the looked-up rows: `true` scales by √d_model ("Attention Is All You Need" §3.4, so embeddings
   * and sinusoidal encodings have comparable magnitude); a number scales by that factor; false/absent: no scaling.
   */
  scale?: boolean | number;
  /**
   * Token id whose embedding is the zero vector (negative counts from the end, as torch). torch gets this by
   * zeroing that table row at initialisation and never updating it; here the lookup returns zeros for it, so a
   * table from torch (whose row is zero) gives identical results and any other table still embeds padding to 0.
   */
  paddingIdx?: number;
}

/**
 * Token embedding lookup: out[…, :] = table[ids[…], :] · scale. A lookup, not a linear map.
 * table (V, d), ids (…) integers in [0, V) → (…, d).
 */
export function embed(table: TensorLike, ids: TensorLike, options: EmbedOptions = {}): Tensor {
  const E = asTensor(table);
  const I = asTensor(ids);
  const { V, d } = checkShape("embed", "table", E.shape, ["V", "d"]);
  const { scale = false, paddingIdx } = options;
  let factor = 1;
  if (scale === true) factor = Math.sqrt(d);
  else if (typeof scale === "number") {
    if (!Number.isFinite(scale)) throw new ArgumentError("embed", "scale", `must be a finite number, got ${scale}`);
    factor = scale;
  } else if (scale !== false) {
    throw new ArgumentError("embed", "scale", `must be a boolean or a number, got ${String(scale)}`);
  }
  let pad = -1;
  if (paddingIdx !== undefined && paddingIdx !== null) {
    if (!Number.isInteger(paddingIdx) || paddingIdx < -V || paddingIdx >= V) {
      throw new ArgumentError("embed", "paddingIdx", `must be an integer in [${-V}, ${V - 1}], got ${paddingIdx}`);
    }
    pad = paddingIdx < 0 ? paddingIdx + V : paddingIdx;
  }
  const out = Tensor.zeros([...I.shape, d], E.dtype);
  const ids_ = I.data;
  for (let t = 0; t < ids_.length; t++) {
    const id = ids_[t];
    if (!Number.isInteger(id) || id < 0 || id >= V) {
      throw new ArgumentError("embed", "ids", `must hold integers in [0, ${V}), got ${id} at flat index ${t}`);
    }
    if (id === pad) continue;
    const src = id * d;
    const dst = t * d;
    for (let j = 0; j < d; j++) out.data[dst + j] = E.data[src + j] * factor;
  }
  return out;
}

/**
 * Learned absolute positions (GPT-2 `wpe`): rows start … start+T−1 of the position table.
 * table (n_ctx, d) → (T, d). Positions past the context are an error, not a wrap-around.
 */
export function learnedPositions(table: TensorLike, T: number, start = 0): Tensor {
  const P = asTensor(table);
  const { ctx, d } = checkShape("learnedPositions", "table", P.shape, ["ctx", "d"]);
  if (!Number.isInteger(T) || T < 0) throw new ArgumentError("learnedPositions", "T", `must be an integer ≥ 0, got ${T}`);
  if (!Number.isInteger(start) || start < 0) {
    throw new ArgumentError("learnedPositions", "start", `must be an integer ≥ 0, got ${start}`);
  }
  if (start + T > ctx) {
    throw new ShapeError("learnedPositions", "table", `(ctx ≥ start + T = ${start + T}, d)`, P.shape);
  }
  return new Tensor(P.data.slice(start * d, (start + T) * d), [T, d]);
}
