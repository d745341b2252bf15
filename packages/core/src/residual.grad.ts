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
