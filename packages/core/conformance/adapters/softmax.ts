import { logSoftmax, logSoftmaxBackward, softmax, softmaxBackward } from "../../src/index.js";
import { input, optionalParam, upstreamTensor, type Adapter } from "../adapter.js";
import type { FixtureCase } from "../fixture.js";

const options = (c: FixtureCase) => ({ temperature: optionalParam(c, "temperature", 1), axis: optionalParam(c, "dim", -1) });

const adapter: Adapter = {
  run(c) {
    const x = input(c, "x");
    return { softmax: softmax(x, options(c)), log_softmax: logSoftmax(x, options(c)) };
  },
  backward(c, of, upstream) {
    const x = input(c, "x");
    const dy = upstreamTensor(upstream);
    if (of === "softmax") return { inputs: { x: softmaxBackward(softmax(x, options(c)), dy, options(c)) } };
    if (of === "log_softmax") return { inputs: { x: logSoftmaxBackward(logSoftmax(x, options(c)), dy, options(c)) } };
    throw new Error(`cannot differentiate "${of}"`);
  },
};
export default adapter;
