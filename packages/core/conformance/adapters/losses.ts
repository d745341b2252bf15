import { crossEntropy, crossEntropyBackward } from "../../src/index.js";
import { input, optionalParam, type Adapter } from "../adapter.js";
import type { FixtureCase } from "../fixture.js";

const options = (c: FixtureCase) => ({ ignoreIndex: optionalParam(c, "ignore_index", -100), labelSmoothing: optionalParam(c, "label_smoothing", 0) });

const adapter: Adapter = {
  run(c) {
    const r = crossEntropy(input(c, "logits"), input(c, "targets"), options(c));
    return { loss_mean: r.mean, loss_sum: r.sum, loss_per_token: r.perToken, num_counted: r.numCounted, perplexity: r.perplexity };
  },
  backward(c, of, upstream) {
    const key = { loss_mean: "mean", loss_sum: "sum", loss_per_token: "perToken", perplexity: "perplexity" }[of];
    if (!key) throw new Error(`cannot differentiate "${of}"`);
    return { inputs: { logits: crossEntropyBackward(input(c, "logits"), input(c, "targets"), { [key]: upstream }, options(c)) } };
  },
};
export default adapter;
