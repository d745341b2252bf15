import {
  Tensor,
  layerNorm,
  layerNormBackward,
  layerNormStats,
  layerNormStatsBackward,
  rmsNorm,
  rmsNormBackward,
  rootMeanSquare,
  rootMeanSquareBackward,
} from "../../src/index.js";
import { input, optionalParam, optionalWeight, upstreamTensor, type Adapter } from "../adapter.js";
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
  backward(c, of, upstream) {
    const x = input(c, "x");
    const eps = optionalParam(c, "eps", 1e-5);
    const dy = upstreamTensor(upstream);
    const zeros = (w: Tensor | undefined) => (w ? Tensor.zeros(w.shape) : undefined);
    if (normKind(c) === "layer_norm") {
      const [gamma, beta] = [optionalWeight(c, "gamma"), optionalWeight(c, "beta")];
      if (of === "output") {
        const g = layerNormBackward(x, dy, { gamma, beta, eps });
        return { inputs: { x: g.dx }, weights: { gamma: g.dGamma, beta: g.dBeta } };
      }
      if (of !== "mean" && of !== "var_biased") throw new Error(`cannot differentiate "${of}"`);
      const dx = layerNormStatsBackward(x, of === "mean" ? { mean: dy } : { variance: dy });
      return { inputs: { x: dx }, weights: { gamma: zeros(gamma), beta: zeros(beta) } };
    }
    const g = optionalWeight(c, "g");
    if (of === "output") {
      const r = rmsNormBackward(x, dy, { g, eps });
      return { inputs: { x: r.dx }, weights: { g: r.dG } };
    }
    if (of !== "rms") throw new Error(`cannot differentiate "${of}"`);
    return { inputs: { x: rootMeanSquareBackward(x, dy, eps) }, weights: { g: zeros(g) } };
  },
};
export default adapter;
