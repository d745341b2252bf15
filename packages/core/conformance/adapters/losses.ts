import { crossEntropy } from "../../src/index.js";
import { input, optionalParam, type Adapter } from "../adapter.js";

const adapter: Adapter = {
  run(c) {
    const r = crossEntropy(input(c, "logits"), input(c, "targets"), {
      ignoreIndex: optionalParam(c, "ignore_index", -100),
      labelSmoothing: optionalParam(c, "label_smoothing", 0),
    });
    return { loss_mean: r.mean, loss_sum: r.sum, loss_per_token: r.perToken, num_counted: r.numCounted, perplexity: r.perplexity };
  },
};
export default adapter;
