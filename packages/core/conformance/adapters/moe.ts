import { moe, type MoeWeights } from "../../src/index.js";
import { input, param, type Adapter } from "../adapter.js";

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
};
export default adapter;
