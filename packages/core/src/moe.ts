import { swiglu, type SwiGLUWeights } from "./activations.js";
import { ArgumentError, ShapeError, checkShape } from "./errors.js";
import { linear } from "./linear.js";
import { checkWeightKeys } from "./model-utils.js";
import { randn, type Rng } from "./random.js";
import { softmax } from "./softmax.js";
import { Tensor, asTensor, type TensorLike } from "./tensor.js";

/**
 * Sparse mixture of experts with a top-k router (Shazeer et al. 2017; Switch, Fedus et al. 2021; Mixtral 2024).
 * Each token goes to only k of E expert FFNs:
 *
 * $$
 * \begin{aligned}
 * \text{logits} &= x\, W_\text{router} && (T, E),\ \text{no bias} \\
 * S_t &= \text{the } k \text{ largest logits of token } t && \text{by descending logit} \\
 * w_t &= \mathrm{softmax}(\text{logits}_{t, S_t}) && (T, k),\ \text{softmax over the } k \text{ selected (Mixtral)} \\
 * y_t &= \textstyle\sum_{j<k} w_{t,j}\, \mathrm{Expert}_{S_{t,j}}(x_t) \\
 * \mathrm{Expert}_e(x) &= \big(\operatorname{silu}(x W_{1,e}) \odot x W_{3,e}\big)\, W_{2,e} && \text{SwiGLU, no biases}
 * \end{aligned}
 * $$
 *
 * Softmax over the selected logits equals "softmax over all E, take the top k, renormalise to sum 1".
 *
 * Load balancing (HF `load_balancing_loss_func`; for k = 1 it is Switch's auxiliary loss):
 * $$
 * \begin{aligned}
 * \text{count}_e &= \text{number of (token, slot) assignments to expert } e && \textstyle\sum_e \text{count}_e = T k \\
 * f_e &= \text{count}_e / T && \text{fraction of tokens that use } e,\ \textstyle\sum_e f_e = k \\
 * P_e &= \operatorname{mean}_t \mathrm{softmax}(\text{logits}_t)_e && \text{mean router probability, over all } E \\
 * \text{aux\_loss} &= E \textstyle\sum_e f_e P_e && = k \text{ when routing is perfectly uniform, larger when not}
 * \end{aligned}
 * $$
 */

export interface MoeWeights {
  /** (d_model, E) */
  W_router: TensorLike;
  /** experts[e] = { W1 (d_model, hidden), W3 (d_model, hidden), W2 (hidden, d_model) } */
  experts: readonly SwiGLUWeights[];
}

export interface MoeConfig {
  topK: number;
}

export interface Routing {
  /** (T, E) */
  routerLogits: Tensor;
  /** (T, k) expert ids, best first (ties: smaller id first). */
  selectedExperts: Tensor;
  /** (T, k), each row sums to 1. */
  routingWeights: Tensor;
}

export interface LoadBalance {
  /** (E,) count_e: tokens routed to each expert (over all k slots). */
  tokensPerExpert: Tensor;
  /** (E,) f_e = count_e / T. */
  tokenFraction: Tensor;
  /** (E,) P_e = mean over tokens of the full softmax router probability. */
  meanRouterProb: Tensor;
  /** E · Σ_e f_e P_e. */
  auxLoss: number;
}

export interface MoeResult extends Routing {
  /** (T, d_model) */
  output: Tensor;
  loadBalance: LoadBalance;
}

/** Router only: logits, top-k experts and their weights for each token of x (T, d_model). */
export function routeTokens(x: TensorLike, W_router: TensorLike, topK: number): Routing {
  return route("routeTokens", x, W_router, topK);
}

function route(fn: string, x: TensorLike, W_router: TensorLike, topK: number): Routing {
  const X = asTensor(x);
  const W = asTensor(W_router);
  const dims = checkShape(fn, "x", X.shape, ["T", "d_model"]);
  const { E } = checkShape(fn, "W_router", W.shape, ["d_model", "E"], dims);
  if (!Number.isInteger(topK) || topK < 1 || topK > E) {
    throw new ArgumentError(fn, "topK", `must be an integer in [1, E=${E}], got ${topK}`);
  }
  const T = dims.T;
  const routerLogits = linear(X, W); // (T, E)
  const selectedExperts = Tensor.zeros([T, topK]); // (T, k)
  const selectedLogits = Tensor.zeros([T, topK]); // (T, k)
  for (let t = 0; t < T; t++) {
    const row = routerLogits.data.subarray(t * E, (t + 1) * E);
    const order = [...row.keys()].sort((a, b) => row[b] - row[a] || a - b);
    for (let j = 0; j < topK; j++) {
      selectedExperts.data[t * topK + j] = order[j];
      selectedLogits.data[t * topK + j] = row[order[j]];
    }
  }
  return { routerLogits, selectedExperts, routingWeights: softmax(selectedLogits) };
}

/** Load-balancing statistics of a routing (see the module comment). */
export function loadBalanceStats(routing: Routing): LoadBalance {
  const fn = "loadBalanceStats";
  const routerLogits = asTensor(routing.routerLogits);
  const selectedExperts = asTensor(routing.selectedExperts);
  const { T, E } = checkShape(fn, "routing.routerLogits", routerLogits.shape, ["T", "E"]);
  checkShape(fn, "routing.selectedExperts", selectedExperts.shape, ["T", "k"], { T });
  selectedExperts.data.forEach((e, i) => {
    if (!Number.isInteger(e) || e < 0 || e >= E) {
      throw new ArgumentError(fn, "routing.selectedExperts", `must hold expert ids in [0, E=${E}), got ${e} at flat index ${i}`);
    }
  });
  const counts = Tensor.zeros([E]);
  for (const e of selectedExperts.data) counts.data[e] += 1;
  const probs = softmax(routerLogits); // (T, E)
  const meanRouterProb = Tensor.zeros([E]);
  for (let t = 0; t < T; t++) for (let e = 0; e < E; e++) meanRouterProb.data[e] += probs.data[t * E + e] / T;
  const tokenFraction = new Tensor(counts.data.map((c) => c / T), [E]);
  let auxLoss = 0;
  for (let e = 0; e < E; e++) auxLoss += tokenFraction.data[e] * meanRouterProb.data[e];
  return { tokensPerExpert: counts, tokenFraction, meanRouterProb, auxLoss: E * auxLoss };
}

/** The MoE layer: route, run each expert on the tokens sent to it, combine with the routing weights. */
export function moe(x: TensorLike, weights: MoeWeights, config: MoeConfig): MoeResult {
  const fn = "moe";
  checkWeightKeys(fn, "weights", weights, ["W_router", "experts"]);
  const X = asTensor(x);
  const W = asTensor(weights.W_router);
  const { T, d_model } = checkShape(fn, "x", X.shape, ["T", "d_model"]);
  const { E } = checkShape(fn, "W_router", W.shape, ["d_model", "E"], { d_model });
  if (!Array.isArray(weights.experts) || weights.experts.length !== E) {
    const given = Array.isArray(weights.experts) ? `${weights.experts.length}` : typeof weights.experts;
    throw new ArgumentError(fn, "experts", `must be a list of E=${E} experts (one per W_router column), got ${given}`);
  }
  weights.experts.forEach((expert, e) => checkWeightKeys(fn, `weights.experts[${e}]`, expert, ["W1", "W3", "W2"]));
  const routing = route(fn, X, W, config.topK);
  const k = config.topK;
  const output = Tensor.zeros([T, d_model]); // (T, d_model)
  weights.experts.forEach((expert, e) => {
    // Gather the tokens that chose expert e (and with what weight), run the expert once on them, scatter back.
    const rows: number[] = [];
    const gates: number[] = [];
    for (let t = 0; t < T; t++) {
      for (let j = 0; j < k; j++) {
        if (routing.selectedExperts.data[t * k + j] === e) {
          rows.push(t);
          gates.push(routing.routingWeights.data[t * k + j]);
        }
      }
    }
    if (rows.length === 0) return;
    const xe = Tensor.zeros([rows.length, d_model]); // (T_e, d_model)
    rows.forEach((t, i) => xe.data.set(X.data.subarray(t * d_model, (t + 1) * d_model), i * d_model));
    const ye = swiglu(xe, expert); // (T_e, d_model)
    if (ye.shape[1] !== d_model) throw new ShapeError(fn, `experts[${e}].W2`, `(hidden, d_model=${d_model})`, asTensor(expert.W2).shape);
    rows.forEach((t, i) => {
      for (let c = 0; c < d_model; c++) output.data[t * d_model + c] += gates[i] * ye.data[i * d_model + c];
    });
  });
  return { output, ...routing, loadBalance: loadBalanceStats(routing) };
}

export interface MoeInitConfig {
  dModel: number;
  numExperts: number;
  ffnHidden: number;
}

/** Random weights, N(0, 0.02²) as GPT-2/LLaMA-style inits. */
export function initMoe(config: MoeInitConfig, rng: Rng, std = 0.02): MoeWeights {
  const { dModel, numExperts, ffnHidden } = config;
  for (const [name, v] of Object.entries(config)) {
    if (!Number.isInteger(v) || v < 1) throw new ArgumentError("initMoe", name, `must be a positive integer, got ${v}`);
  }
  return {
    W_router: randn([dModel, numExperts], rng, std),
    experts: Array.from({ length: numExperts }, () => ({
      W1: randn([dModel, ffnHidden], rng, std),
      W3: randn([dModel, ffnHidden], rng, std),
      W2: randn([ffnHidden, dModel], rng, std),
    })),
  };
}
