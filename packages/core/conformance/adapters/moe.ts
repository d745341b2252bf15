import { moe, moeBackward, type MoeUpstream, type MoeWeights } from "../../src/index.js";
import { input, param, upstreamTensor, type Adapter } from "../adapter.js";

const UPSTREAM: Record<string, keyof MoeUpstream> = { output: "output", routing_weights: "routingWeights", router_logits: "routerLogits" };

const adapter: Adapter = {
  run(c) {
    const r = moe(input(c, "x"), c.weights as unknown as MoeWeights, { topK: param<number>(c, "top_k") });
    return {
      router_logits: r.routerLogits,
      selected_experts: r.selectedExperts,
      routing_weights: r.routingWeights,
      output: r.output,
    };
  },
  backward(c, of, upstream) {
    const key = UPSTREAM[of];
    if (!key) throw new Error(`cannot differentiate "${of}" (selected_experts is piecewise constant)`);
    const g = moeBackward(input(c, "x"), c.weights as unknown as MoeWeights, { topK: param<number>(c, "top_k") }, { [key]: upstreamTensor(upstream) });
    return { inputs: { x: g.dx }, weights: g.grads };
  },
};
export default adapter;
