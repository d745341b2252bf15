// Positional-encoding demo: the sinusoidal table, and how a dot product depends on relative distance under the
// sinusoidal encoding and under RoPE. The curves start from two absolute positions to show that only the
// distance matters.
import { Rng, applyRope, matmul, randn, sinusoidalEncoding, transpose, type RopeConvention, type Tensor } from "@qkv/core";

export interface PeState {
  dModel: number;
  T: number;
  base: number;
  /** Second starting position for the distance curves. */
  offset: number;
  convention: RopeConvention;
}

export const DEFAULT_PE: PeState = { dModel: 32, T: 32, base: 10000, offset: 8, convention: "rotate_half" };

export interface PeResult {
  /** (T, d) sinusoidal table. */
  pe: Tensor;
  /** Distances 0 … T−1−offset. */
  distances: number[];
  /** PE(p)·PE(p+k) for p = 0 and p = offset. */
  sinFrom0: number[];
  sinFromOffset: number[];
  /** RoPE(q, p)·RoPE(k, p+k) for fixed random q, k and p = 0, p = offset. */
  ropeFrom0: number[];
  ropeFromOffset: number[];
}

/** All pairwise dot products (T, T) of the rows of a (T, d) matrix pair. */
function gram(a: Tensor, b: Tensor): Tensor {
  return matmul(a, transpose(b));
}

/** A fixed random vector repeated at every position, (T, 1, d), as one head's queries or keys. */
function repeated(vec: Tensor, T: number): Tensor {
  const d = vec.size;
  const out = randn([T, 1, d], new Rng(0));
  for (let t = 0; t < T; t++) out.data.set(vec.data, t * d);
  return out;
}

export function computePe(s: PeState): PeResult {
  if (s.offset >= s.T) throw new Error(`offset must be below the number of positions (${s.T}), got ${s.offset}`);
  const pe = sinusoidalEncoding(s.T, s.dModel, s.base);
  const sinDots = gram(pe, pe);
  const rng = new Rng(42);
  const q = randn([s.dModel], rng);
  const k = randn([s.dModel], rng);
  const opts = { convention: s.convention, base: s.base };
  const qr = applyRope(repeated(q, s.T), opts).reshape([s.T, s.dModel]);
  const kr = applyRope(repeated(k, s.T), opts).reshape([s.T, s.dModel]);
  const ropeDots = gram(qr, kr);
  const distances = Array.from({ length: s.T - s.offset }, (_, i) => i);
  const at = (m: Tensor, i: number, j: number) => m.data[i * s.T + j];
  return {
    pe,
    distances,
    sinFrom0: distances.map((dk) => at(sinDots, 0, dk)),
    sinFromOffset: distances.map((dk) => at(sinDots, s.offset, s.offset + dk)),
    ropeFrom0: distances.map((dk) => at(ropeDots, 0, dk)),
    ropeFromOffset: distances.map((dk) => at(ropeDots, s.offset, s.offset + dk)),
  };
}
