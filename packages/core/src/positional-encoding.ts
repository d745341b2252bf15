import { ArgumentError } from "./errors.js";
import { Tensor } from "./tensor.js";

/**
 * Sinusoidal positional encoding ("Attention Is All You Need" §3.5):
 * $$PE_{p,\,2i} = \sin\frac{p}{\text{base}^{2i/d}}, \qquad PE_{p,\,2i+1} = \cos\frac{p}{\text{base}^{2i/d}}$$
 *
 * `positions` is a list of positions or a count T (positions 0 … T−1) → (len, d_model). Each wavelength is a
 * geometric step from 2π to 2π·base; PE[p+k] is a fixed rotation of PE[p], which is what lets attention use offsets.
 * An odd d_model ends with a sin column.
 */
export function sinusoidalEncoding(positions: readonly number[] | number, dModel: number, base = 10000): Tensor {
  const fn = "sinusoidalEncoding";
  if (!Number.isInteger(dModel) || dModel < 1) throw new ArgumentError(fn, "dModel", `must be an integer ≥ 1, got ${dModel}`);
  if (!(base > 0) || !Number.isFinite(base)) throw new ArgumentError(fn, "base", `must be a finite number > 0, got ${base}`);
  const pos = positionList(fn, positions);
  const half = Math.ceil(dModel / 2);
  const denom = new Float64Array(half);
  for (let i = 0; i < half; i++) denom[i] = Math.pow(base, (2 * i) / dModel);
  const out = Tensor.zeros([pos.length, dModel]);
  const o = out.data;
  for (let t = 0; t < pos.length; t++) {
    const row = t * dModel;
    for (let i = 0; i < half; i++) {
      const angle = pos[t] / denom[i];
      o[row + 2 * i] = Math.sin(angle);
      if (2 * i + 1 < dModel) o[row + 2 * i + 1] = Math.cos(angle);
    }
  }
  return out;
}

/** Positional encodings take a list of positions or a count T (positions 0 … T−1); both are validated here. */
export function positionList(fn: string, positions: readonly number[] | number): readonly number[] {
  if (typeof positions === "number") {
    if (!Number.isInteger(positions) || positions < 0) {
      throw new ArgumentError(fn, "positions", `must be a count ≥ 0 or a list of positions, got ${positions}`);
    }
    return Array.from({ length: positions }, (_, i) => i);
  }
  positions.forEach((p, k) => {
    if (typeof p !== "number" || !Number.isFinite(p)) {
      throw new ArgumentError(fn, "positions", `must hold finite numbers, got ${p} at index ${k}`);
    }
  });
  return positions;
}
