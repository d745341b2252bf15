import { scaledDotProductAttention, type AttentionOptions } from "./attention.js";
import { checkShape } from "./errors.js";
import { Tensor, asTensor, type TensorLike } from "./tensor.js";

export interface AttentionUpstream {
  /** ∂L/∂output (…, L, d_v) */
  output?: TensorLike;
  /** ∂L/∂weights (…, L, S) */
  weights?: TensorLike;
  /** ∂L/∂scores (…, L, S); masked (−∞) scores pass no gradient */
  scores?: TensorLike;
}

/**
 * Reverse mode of scaled dot-product attention, S = Q Kᵀ · scale + mask, A = softmax(S), O = A V:
 *   dV = Aᵀ dO
 *   dA = dO Vᵀ
 *   dS = A ⊙ (dA − Σ_keys dA ⊙ A)         (softmax backward; a masked key has A = 0, so dS = 0)
 *   dQ = dS K · scale,  dK = dSᵀ Q · scale
 * The mask is a constant. Q (…, L, d_k), K (…, S, d_k), V (…, S, d_v) as the forward.
 */
export function scaledDotProductAttentionBackward(
  Q: TensorLike,
  K: TensorLike,
  V: TensorLike,
  upstream: AttentionUpstream,
  options: AttentionOptions = {},
): { dQ: Tensor; dK: Tensor; dV: Tensor } {
  const q = asTensor(Q);
  const k = asTensor(K);
  const v = asTensor(V);
  const { scores, weights } = scaledDotProductAttention(q, k, v, options);
  const [L, dk] = q.shape.slice(-2);
  const [S, dv] = v.shape.slice(-2);
  const scale = options.scale ?? 1 / Math.sqrt(dk);
  const count = q.size / (L * dk || 1);
  const given = (name: string, u: TensorLike | undefined, shape: readonly number[]) => {
    if (u === undefined) return undefined;
    const t = asTensor(u);
    checkShape("scaledDotProductAttentionBackward", `upstream.${name}`, t.shape, shape);
    return t.data;
  };
  const dO = given("output", upstream.output, [...q.shape.slice(0, -1), dv]); // (…, L, d_v)
  const dW = given("weights", upstream.weights, weights.shape); // (…, L, S)
  const dSc = given("scores", upstream.scores, weights.shape);
  const dQ = Tensor.zeros(q.shape);
  const dK = Tensor.zeros(k.shape);
  const dV = Tensor.zeros(v.shape);
  const dA = new Float64Array(S);
  for (let n = 0; n < count; n++) {
    for (let i = 0; i < L; i++) {
      const row = n * L * S + i * S;
      // dA[j] = dO[i] · V[j] (+ upstream on the weights)
      for (let j = 0; j < S; j++) {
        let s = dW ? dW[row + j] : 0;
        if (dO) for (let c = 0; c < dv; c++) s += dO[(n * L + i) * dv + c] * v.data[(n * S + j) * dv + c];
        dA[j] = s;
      }
      let dot = 0;
      for (let j = 0; j < S; j++) dot += dA[j] * weights.data[row + j];
      for (let j = 0; j < S; j++) {
        const a = weights.data[row + j];
        let dS = a * (dA[j] - dot);
        if (dSc && scores.data[row + j] !== -Infinity) dS += dSc[row + j];
        // dV[j] += A[i, j] dO[i];  dQ[i] += dS K[j] · scale;  dK[j] += dS Q[i] · scale
        if (dO) for (let c = 0; c < dv; c++) dV.data[(n * S + j) * dv + c] += a * dO[(n * L + i) * dv + c];
        for (let c = 0; c < dk; c++) {
          dQ.data[(n * L + i) * dk + c] += dS * scale * k.data[(n * S + j) * dk + c];
          dK.data[(n * S + j) * dk + c] += dS * scale * q.data[(n * L + i) * dk + c];
        }
      }
    }
  }
  return { dQ, dK, dV };
}
