import { ArgumentError, checkShape } from "./errors.js";
import { positionList } from "./positional-encoding.js";
import { Tensor, asTensor, type TensorLike } from "./tensor.js";

/**
 * Which dimensions RoPE pairs up. Both rotate a pair (a, b) by angle θ: a' = a cos θ − b sin θ, b' = a sin θ + b cos θ.
 * - "interleaved": pairs (x[2i], x[2i+1]) — RoFormer and Meta's LLaMA reference (complex multiplication).
 * - "rotate_half": pairs (x[i], x[i + hd/2]) — Hugging Face and GPT-NeoX.
 * The two give different results on the same weights; a checkpoint only works with the convention it was trained with.
 */
export type RopeConvention = "interleaved" | "rotate_half";

const CONVENTIONS: readonly RopeConvention[] = ["interleaved", "rotate_half"];

/**
 * Rotary angles: $\theta_i = \text{base}^{-2i/hd}$ for $i = 0, \dots, hd/2 - 1$ and
 * $\text{angle}_{t,i} = \text{position}_t \cdot \theta_i$.
 * `positions` is a list or a count T (0 … T−1) → { angles, cos, sin }, each (T, hd/2).
 */
export function ropeAngles(
  positions: readonly number[] | number,
  headDim: number,
  base = 10000,
): { angles: Tensor; cos: Tensor; sin: Tensor } {
  const fn = "ropeAngles";
  if (!Number.isInteger(headDim) || headDim < 2 || headDim % 2 !== 0) {
    throw new ArgumentError(fn, "headDim", `must be an even integer ≥ 2, got ${headDim}`);
  }
  if (!(base > 0) || !Number.isFinite(base)) throw new ArgumentError(fn, "base", `must be a finite number > 0, got ${base}`);
  const pos = positionList(fn, positions);
  const half = headDim / 2;
  const T = pos.length;
  const angles = Tensor.zeros([T, half]);
  const cos = Tensor.zeros([T, half]);
  const sin = Tensor.zeros([T, half]);
  const theta = new Float64Array(half);
  for (let i = 0; i < half; i++) theta[i] = 1 / Math.pow(base, (2 * i) / headDim);
  for (let t = 0; t < T; t++) {
    for (let i = 0; i < half; i++) {
      const a = pos[t] * theta[i];
      angles.data[t * half + i] = a;
      cos.data[t * half + i] = Math.cos(a);
      sin.data[t * half + i] = Math.sin(a);
    }
  }
  return { angles, cos, sin };
}

export interface RopeOptions {
  convention: RopeConvention;
  /** Position of the first row (e.g. the KV-cache length when decoding); positions are startPos … startPos+T−1. */
  startPos?: number;
  base?: number;
}

/**
 * Rotary position embedding (RoFormer): rotate each pair of head dimensions by angle position·θ_i (see
 * `ropeAngles`), the same rotation for every head. Norms are preserved and q·k after rotation depends on
 * positions only through their difference.
 * x (T, H, hd) or (…, T, H, hd) → same shape.
 */
export function applyRope(x: TensorLike, options: RopeOptions): Tensor {
  const fn = "applyRope";
  const X = asTensor(x);
  const { convention, startPos = 0, base = 10000 } = options;
  if (!CONVENTIONS.includes(convention)) {
    throw new ArgumentError(fn, "convention", `must be "interleaved" or "rotate_half", got ${String(convention)}`);
  }
  if (!Number.isInteger(startPos) || startPos < 0) {
    throw new ArgumentError(fn, "startPos", `must be an integer ≥ 0, got ${startPos}`);
  }
  const { T, H, hd } = checkShape(fn, "x", X.shape, ["...", "T", "H", "hd"]);
  if (hd % 2 !== 0) throw new ArgumentError(fn, "x", `must have an even head dimension, got hd=${hd}`);
  const positions = Array.from({ length: T }, (_, t) => startPos + t);
  const { cos, sin } = ropeAngles(positions, hd, base);
  const out = Tensor.zeros(X.shape, X.dtype);
  const half = hd / 2;
  // Pair (a, b) of dimension i sits at offsets (ia, ib) inside a head vector.
  const ia = (i: number): number => (convention === "interleaved" ? 2 * i : i);
  const ib = (i: number): number => (convention === "interleaved" ? 2 * i + 1 : i + half);
  const aOff = Int32Array.from({ length: half }, (_, i) => ia(i));
  const bOff = Int32Array.from({ length: half }, (_, i) => ib(i));
  const src = X.data;
  const dst = out.data;
  const rows = X.size / (H * hd); // (…)·T rows of H heads
  for (let r = 0; r < rows; r++) {
    const t = r % T;
    for (let h = 0; h < H; h++) {
      const base_ = (r * H + h) * hd;
      for (let i = 0; i < half; i++) {
        const c = cos.data[t * half + i];
        const s = sin.data[t * half + i];
        const a = src[base_ + aOff[i]];
        const b = src[base_ + bOff[i]];
        dst[base_ + aOff[i]] = a * c - b * s;
        dst[base_ + bOff[i]] = a * s + b * c;
      }
    }
  }
  return out;
}
