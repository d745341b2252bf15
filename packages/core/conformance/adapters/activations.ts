import { feedForward, gelu, geluTanh, relu, sigmoid, silu } from "../../src/index.js";
import { input, optionalParam, weight, type Adapter } from "../adapter.js";

const adapter: Adapter = {
  run(c) {
    const x = input(c, "x");
    if (optionalParam<string>(c, "kind", "elementwise") === "swiglu") {
      const { output, hidden } = feedForward(x, { kind: "swiglu", W1: weight(c, "W1"), W3: weight(c, "W3"), W2: weight(c, "W2") });
      return { output, hidden };
    }
    return { relu: relu(x), gelu: gelu(x), gelu_tanh: geluTanh(x), silu: silu(x), sigmoid: sigmoid(x) };
  },
};
export default adapter;
