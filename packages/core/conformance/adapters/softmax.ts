import { logSoftmax, softmax } from "../../src/index.js";
import { input, optionalParam, type Adapter } from "../adapter.js";

const adapter: Adapter = {
  run(c) {
    const x = input(c, "x");
    const options = { temperature: optionalParam(c, "temperature", 1), axis: optionalParam(c, "dim", -1) };
    return { softmax: softmax(x, options), log_softmax: logSoftmax(x, options) };
  },
};
export default adapter;
