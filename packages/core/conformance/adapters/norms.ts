import { layerNorm, layerNormStats, rmsNorm, rootMeanSquare } from "../../src/index.js";
import { input, optionalParam, optionalWeight, param, type Adapter } from "../adapter.js";

const adapter: Adapter = {
  run(c) {
    const x = input(c, "x");
    const eps = optionalParam(c, "eps", 1e-5);
    const kind = param<string>(c, "kind");
    if (kind === "layer_norm") {
      const { mean, variance } = layerNormStats(x, eps);
      const output = layerNorm(x, { gamma: optionalWeight(c, "gamma"), beta: optionalWeight(c, "beta"), eps });
      return { output, mean, var_biased: variance };
    }
    if (kind === "rms_norm") return { output: rmsNorm(x, { g: optionalWeight(c, "g"), eps }), rms: rootMeanSquare(x, eps) };
    throw new Error(`unknown norms kind "${kind}"`);
  },
  // FORMAT.md: relative 1e-9 for LayerNorm of inputs around 1e6.
  tolerance: { abs: 1e-9, rel: 1e-9 },
};
export default adapter;
