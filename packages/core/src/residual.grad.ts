import { ArgumentError } from "./errors.js";
import { add } from "./ops.js";
import type { NormPlacement } from "./residual.js";
import type { Tensor } from "./tensor.js";

/** A pullback: given ∂L/∂(output of a part), returns ∂L/∂(its input) (weight gradients are the caller's to keep). */
export type Pullback = (dy: Tensor) => Tensor;

/**
 * Reverse mode of one residual sub-layer (see `residual`), from the pullbacks of its parts taken at the inputs
 * they saw in the forward pass (for "post", the norm saw z = x + f(x)):
 *   pre:      y = x + f(n(x))       dx = dy + n′ᵀ f′ᵀ dy
 *   post:     y = n(x + f(x))       dz = n′ᵀ dy,  dx = dz + f′ᵀ dz
 *   sandwich: y = x + m(f(n(x)))    dx = dy + n′ᵀ f′ᵀ m′ᵀ dy
 * The identity term is why pre-norm keeps a clean gradient path from the loss to every layer.
 */
export function residualBackward(
  dy: Tensor,
  placement: NormPlacement,
  back: { sublayer: Pullback; norm: Pullback; postNorm?: Pullback },
): Tensor {
  switch (placement) {
    case "pre":
      return add(dy, back.norm(back.sublayer(dy)));
    case "post": {
      const dz = back.norm(dy);
      return add(dz, back.sublayer(dz));
    }
    case "sandwich":
      if (!back.postNorm) throw new ArgumentError("residualBackward", "back.postNorm", `is required for placement "sandwich"`);
      return add(dy, back.norm(back.sublayer(back.postNorm(dy))));
    default:
      throw new ArgumentError("residualBackward", "placement", `must be "pre", "post" or "sandwich", got ${String(placement)}`);
  }
}

/** A differentiable part evaluated at x: its output and its pullback at x (closing over what it needs). */
export type Part = (x: Tensor) => { y: Tensor; back: Pullback };

/**
 * One residual sub-layer forward (same arithmetic as `residual`), returning the output and its pullback, which
 * applies `residualBackward` to the parts' pullbacks taken at the inputs they saw.
 */
export function residualWithPullback(
  x: Tensor,
  placement: "pre" | "post",
  sublayer: Part,
  norm: Part,
): { y: Tensor; back: Pullback } {
  if (placement === "pre") {
    const n = norm(x);
    const f = sublayer(n.y);
    return { y: add(x, f.y), back: (dy) => residualBackward(dy, "pre", { sublayer: f.back, norm: n.back }) };
  }
  const f = sublayer(x);
  const n = norm(add(x, f.y));
  return { y: n.y, back: (dy) => residualBackward(dy, "post", { sublayer: f.back, norm: n.back }) };
}
