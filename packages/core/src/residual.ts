import { ArgumentError } from "./errors.js";
import { add } from "./ops.js";
import { asTensor, type Tensor, type TensorLike } from "./tensor.js";

/**
 * Where the normalisation sits around a residual sub-layer f:
 * - "post": norm(x + f(x)) — the original Transformer and BERT; gradients pass through the norm, needs warm-up.
 * - "pre": x + f(norm(x)) — GPT-2, LLaMA; an identity path from input to output, trains stably when deep.
 * - "sandwich": x + postNorm(f(norm(x))) — pre-norm plus a norm on the branch output (CogView, Gemma 2).
 */
export type NormPlacement = "pre" | "post" | "sandwich";

/**
 * One residual sub-layer with the chosen norm placement (see `NormPlacement`). x (…, d); `sublayer` and the norms
 * map (…, d) → (…, d). `postNorm` is required for "sandwich" and rejected otherwise.
 */
export function residual(
  x: TensorLike,
  sublayer: (x: Tensor) => Tensor,
  norm: (x: Tensor) => Tensor,
  placement: NormPlacement,
  postNorm?: (x: Tensor) => Tensor,
): Tensor {
  const X = asTensor(x);
  if (placement !== "sandwich" && postNorm !== undefined) {
    throw new ArgumentError("residual", "postNorm", `is only used with placement "sandwich", got placement "${placement}"`);
  }
  switch (placement) {
    case "post":
      return norm(add(X, sublayer(X)));
    case "pre":
      return add(X, sublayer(norm(X)));
    case "sandwich":
      if (!postNorm) throw new ArgumentError("residual", "postNorm", `is required for placement "sandwich"`);
      return add(X, postNorm(sublayer(norm(X))));
    default:
      throw new ArgumentError("residual", "placement", `must be "pre", "post" or "sandwich", got ${String(placement)}`);
  }
}
