import { layerNorm, layerNormStats, rmsNorm, rootMeanSquare } from "../../src/index.js";
import { input, optionalParam, optionalWeight, type Adapter } from "../adapter.js";
import type { FixtureCase } from "../fixture.js";

/** `params.kind` where present, otherwise RMSNorm exactly when the case has its gain `g`. */
export function normKind(c: FixtureCase): "layer_norm" | "rms_norm" {
  const kind = c.params.kind ?? ("g" in c.weights ? "rms_norm" : "layer_norm");
  if (kind !== "layer_norm" && kind !== "rms_norm") throw new Error(`unknown norms kind "${String(kind)}"`);
  return kind;
}

const adapter: Adapter = {
  run(c) {
    const x = input(c, "x");
    const eps = optionalParam(c, "eps", 1e-5);
    if (normKind(c) === "layer_norm") {
      const { mean, variance } = layerNormStats(x, eps);
      const output = layerNorm(x, { gamma: optionalWeight(c, "gamma"), beta: optionalWeight(c, "beta"), eps });
      return { output, mean, var_biased: variance };
    }
    return { output: rmsNorm(x, { g: optionalWeight(c, "g"), eps }), rms: rootMeanSquare(x, eps) };
  },
  // FORMAT.md: relative 1e-9 for LayerNorm of inputs around 1e6.
  tolerance: { abs: 1e-9, rel: 1e-9 },
};
export default adapter;
