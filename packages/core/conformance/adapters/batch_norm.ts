import { batchNorm, batchNormBackward } from "../../src/index.js";
import { input, optionalParam, optionalWeight, upstreamTensor, type Adapter } from "../adapter.js";

const adapter: Adapter = {
  run(c) {
    return { output: batchNorm(input(c, "x"), { gamma: optionalWeight(c, "gamma"), beta: optionalWeight(c, "beta"), eps: optionalParam(c, "eps", 1e-5) }) };
  },
  backward(c, of, upstream) {
    if (of !== "output") throw new Error(`cannot differentiate "${of}"`);
    const options = { gamma: optionalWeight(c, "gamma"), beta: optionalWeight(c, "beta"), eps: optionalParam(c, "eps", 1e-5) };
    const g = batchNormBackward(input(c, "x"), upstreamTensor(upstream), options);
    return { inputs: { x: g.dx }, weights: { gamma: g.dGamma, beta: g.dBeta } };
  },
};
export default adapter;
