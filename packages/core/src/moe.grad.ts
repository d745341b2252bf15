import { swigluBackward } from "./activations.grad.js";
import { swiglu } from "./activations.js";
import { linearBackward } from "./linear.grad.js";
import { loadBalanceStats, routeTokens, type MoeConfig, type MoeWeights } from "./moe.js";
import { softmaxBackward } from "./softmax.grad.js";
import { softmax } from "./softmax.js";
import { add } from "./ops.js";
import { checkShape } from "./errors.js";
import { Tensor, asTensor, type TensorLike } from "./tensor.js";

/** Gradients keyed like `MoeWeights`. An expert no token selected gets zero gradients. */
export interface MoeGrads {
  W_router: Tensor;
  experts: { W1: Tensor; W3: Tensor; W2: Tensor }[];
}

export interface MoeUpstream {
  /** ∂L/∂output (T, d) */
  output?: TensorLike;
  /** ∂L/∂routingWeights (T, k) */
  routingWeights?: TensorLike;
  /** ∂L/∂routerLogits (T, E) */
  routerLogits?: TensorLike;
  /** ∂L/∂auxLoss, the load-balancing loss of `loadBalance` (a number, e.g. its weight α in L = task + α·aux) */
  auxLoss?: number;
}

/**
 * Reverse mode of the top-k mixture (see `moe`): out_t = Σ_j w_tj E_{s_tj}(x_t), w_t = softmax(selected logits),
 * logits = x W_router. The selection s is piecewise constant, so gradients flow only through the selected experts
 * and the selected logits:
 *   experts: each selected expert e at token t gets upstream w_tj · dout_t (SwiGLU backward, accumulated over tokens)
 *   dw_tj = dout_t · E_{s_tj}(x_t)
 *   dlogit_{t, s_tj} = w_tj (dw_tj − Σ_i dw_ti w_ti)          (softmax over the k selected logits; others get 0)
 *   dW_router = xᵀ dlogits,  dx = dlogits W_routerᵀ + Σ_j (expert input gradients)
 * The load-balancing loss aux = E Σ_e f_e P_e (f_e the fraction of tokens routed to e, a count: constant;
 * P_e = mean_t softmax(logits_t)_e) adds dlogits_t += daux · softmax backward(p_t, E f / T).
 * x (T, d) → dx (T, d) and gradients keyed like the weights.
 */
export function moeBackward(x: TensorLike, weights: MoeWeights, config: MoeConfig, upstream: MoeUpstream): { dx: Tensor; grads: MoeGrads } {
  const X = asTensor(x);
  const [T, d] = X.shape;
  const k = config.topK;
  const E = weights.experts.length;
  const { routerLogits, selectedExperts, routingWeights } = routeTokens(X, weights.W_router, k);
  const given = (name: string, u: TensorLike | undefined, shape: number[]) => {
    if (u === undefined) return undefined;
    const t = asTensor(u);
    checkShape("moeBackward", `upstream.${name}`, t.shape, shape);
    return t;
  };
  const dOut = given("output", upstream.output, [T, d]);
  const dW = given("routingWeights", upstream.routingWeights, [T, k])?.clone() ?? Tensor.zeros([T, k]); // (T, k)
  let dx = Tensor.zeros([T, d]);
  const experts = weights.experts.map((expert) => {
    const W1 = asTensor(expert.W1);
    return { W1: Tensor.zeros(W1.shape), W3: Tensor.zeros(asTensor(expert.W3).shape), W2: Tensor.zeros(asTensor(expert.W2).shape) };
  });
  if (dOut) {
    for (let e = 0; e < E; e++) {
      // The (token, slot) pairs that chose expert e; run it once on those tokens, as the forward does.
      const picks: [number, number][] = [];
      for (let t = 0; t < T; t++) for (let j = 0; j < k; j++) if (selectedExperts.data[t * k + j] === e) picks.push([t, j]);
      if (picks.length === 0) continue;
      const xe = Tensor.zeros([picks.length, d]); // (T_e, d)
      picks.forEach(([t], i) => xe.data.set(X.data.subarray(t * d, (t + 1) * d), i * d));
      const ye = swiglu(xe, weights.experts[e]); // (T_e, d)
      const dYe = Tensor.zeros([picks.length, d]);
      picks.forEach(([t, j], i) => {
        const w = routingWeights.data[t * k + j];
        let dot = 0;
        for (let c = 0; c < d; c++) {
          dYe.data[i * d + c] = w * dOut.data[t * d + c];
          dot += dOut.data[t * d + c] * ye.data[i * d + c];
        }
        dW.data[t * k + j] += dot;
      });
      const g = swigluBackward(xe, weights.experts[e], { output: dYe });
      experts[e] = g.grads;
      picks.forEach(([t], i) => {
        for (let c = 0; c < d; c++) dx.data[t * d + c] += g.dx.data[i * d + c];
      });
    }
  }
  // Softmax over the k selected logits, scattered back to their experts' columns.
  let dLogits = given("routerLogits", upstream.routerLogits, [T, E])?.clone() ?? Tensor.zeros([T, E]); // (T, E)
  if (upstream.auxLoss !== undefined && upstream.auxLoss !== 0) {
    const { tokenFraction } = loadBalanceStats({ routerLogits, selectedExperts, routingWeights });
    const dProbs = Tensor.zeros([T, E]); // ∂aux/∂p_{t,e} = E f_e / T
    for (let i = 0; i < T * E; i++) dProbs.data[i] = (upstream.auxLoss * E * tokenFraction.data[i % E]) / T;
    dLogits = add(dLogits, softmaxBackward(softmax(routerLogits), dProbs));
  }
  for (let t = 0; t < T; t++) {
    let dot = 0;
    for (let j = 0; j < k; j++) dot += dW.data[t * k + j] * routingWeights.data[t * k + j];
    for (let j = 0; j < k; j++) {
      const w = routingWeights.data[t * k + j];
      dLogits.data[t * E + selectedExperts.data[t * k + j]] += w * (dW.data[t * k + j] - dot);
    }
  }
  const r = linearBackward(X, weights.W_router, dLogits);
  dx = add(dx, r.dx);
  return { dx, grads: { W_router: r.dW, experts } };
}
