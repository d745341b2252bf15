import { feedForward, feedForwardBackward, type Activation, type FeedForwardWeights } from "../../src/index.js";
import { input, optionalWeight, param, upstreamTensor, weight, type Adapter } from "../adapter.js";
import type { FixtureCase } from "../fixture.js";

function ffnWeights(c: FixtureCase): FeedForwardWeights {
  const activation = param<Activation | "swiglu">(c, "activation");
  return activation === "swiglu"
    ? { kind: "swiglu", W1: weight(c, "W1"), W3: weight(c, "W3"), W2: weight(c, "W2") }
    : { kind: "dense", activation, W1: weight(c, "W1"), b1: optionalWeight(c, "b1"), W2: weight(c, "W2"), b2: optionalWeight(c, "b2") };
}

const adapter: Adapter = {
  run(c) {
    const { output, hidden } = feedForward(input(c, "x"), ffnWeights(c));
    return { output, hidden_after_activation: hidden, hidden };
  },
  backward(c, of, upstream) {
    const key = { output: "output", hidden_after_activation: "hidden", hidden: "hidden" }[of];
    if (!key) throw new Error(`cannot differentiate "${of}"`);
    const { dx, grads } = feedForwardBackward(input(c, "x"), ffnWeights(c), { [key]: upstreamTensor(upstream) });
    return { inputs: { x: dx }, weights: grads };
  },
};
export default adapter;
