// Mixture-of-experts demo: the router of @qkv/core picks top-k experts per token.
import { Rng, loadBalanceStats, randn, routeTokens, softmax, type LoadBalance, type Routing, type Tensor } from "@qkv/core";
import { D_MODEL, inputEmbeddings } from "./attention-model";

export interface MoeState {
  tokens: string[];
  experts: number;
  topK: number;
}

export const DEFAULT_MOE: MoeState = { tokens: "the cat sat on the mat".split(" "), experts: 8, topK: 2 };

/** Router weights (d_model, E), seeded by E. */
export function routerWeights(experts: number): Tensor {
  return randn([D_MODEL, experts], new Rng(500 + experts), 1);
}

export interface MoeDemoResult extends Routing {
  /** softmax over all E experts (the router's full distribution). */
  probs: Tensor;
  balance: LoadBalance;
}

export function computeMoe(s: MoeState): MoeDemoResult {
  if (s.topK > s.experts) throw new Error(`top-k (${s.topK}) must not exceed the number of experts (${s.experts})`);
  const routing = routeTokens(inputEmbeddings(s.tokens), routerWeights(s.experts), s.topK);
  return { ...routing, probs: softmax(routing.routerLogits), balance: loadBalanceStats(routing) };
}
