import { applyRope, type RopeOptions } from "./rope.js";
import { Tensor, asTensor, type TensorLike } from "./tensor.js";

/**
 * Reverse mode of RoPE. Each pair is rotated by R(θ), an orthogonal matrix, so the gradient rotates back by
 * R(θ)ᵀ = R(−θ):
 *   dx_a =  dy_a cos θ + dy_b sin θ
 *   dx_b = −dy_a sin θ + dy_b cos θ
 * Computed as RoPE of dy with every pair's second component negated on the way in and out (R(−θ) = F R(θ) F with
 * F = diag(1, −1)). dy (…, T, H, hd), same options as the forward.
 */
export function ropeBackward(dy: TensorLike, options: RopeOptions): Tensor {
  const dY = asTensor(dy);
  const hd = dY.shape[dY.rank - 1];
  const flip = flipper(hd, options.convention === "interleaved");
  return flip(applyRope(flip(dY), options));
}

/** Negate the second component b of every pair (a, b) in the head dimension. */
function flipper(hd: number, interleaved: boolean): (t: Tensor) => Tensor {
  const half = hd / 2;
  const isB = (j: number): boolean => (interleaved ? j % 2 === 1 : j >= half);
  return (t) => {
    const out = new Tensor(Float64Array.from(t.data), t.shape);
    for (let i = 0; i < out.size; i++) if (isB(i % hd)) out.data[i] = -out.data[i];
    return out;
  };
}
