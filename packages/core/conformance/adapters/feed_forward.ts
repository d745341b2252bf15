import { feedForward, type Activation, type FeedForwardWeights } from "../../src/index.js";
import { input, optionalWeight, param, weight, type Adapter } from "../adapter.js";

const adapter: Adapter = {
  run(c) {
    const activation = param<Activation | "swiglu">(c, "activation");
    const weights: FeedForwardWeights =
      activation === "swiglu"
        ? { kind: "swiglu", W1: weight(c, "W1"), W3: weight(c, "W3"), W2: weight(c, "W2") }
        : { kind: "dense", activation, W1: weight(c, "W1"), b1: optionalWeight(c, "b1"), W2: weight(c, "W2"), b2: optionalWeight(c, "b2") };
    const { output, hidden } = feedForward(input(c, "x"), weights);
    return { output, hidden_after_activation: hidden, hidden };
  },
};
export default adapter;
