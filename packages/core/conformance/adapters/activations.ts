import { activationBackward, feedForward, gelu, geluTanh, linear, relu, sigmoid, silu, swigluBackward, type Activation } from "../../src/index.js";
import { input, upstreamTensor, weight, type Adapter } from "../adapter.js";
import type { FixtureCase } from "../fixture.js";

/** `params.kind` where present, otherwise SwiGLU exactly when the case carries its weights. */
export function activationKind(c: FixtureCase): "elementwise" | "swiglu" {
  const kind = c.params.kind ?? ("W1" in c.weights ? "swiglu" : "elementwise");
  if (kind !== "elementwise" && kind !== "swiglu") throw new Error(`unknown activations kind "${String(kind)}"`);
  return kind;
}

const ELEMENTWISE: readonly string[] = ["relu", "gelu", "gelu_tanh", "silu", "sigmoid"];

const adapter: Adapter = {
  run(c) {
    const x = input(c, "x");
    if (activationKind(c) === "swiglu") {
      const [W1, W3, W2] = [weight(c, "W1"), weight(c, "W3"), weight(c, "W2")];
      const { output } = feedForward(x, { kind: "swiglu", W1, W3, W2 });
      return { output, gate_silu_xW1: silu(linear(x, W1)), up_xW3: linear(x, W3) };
    }
    return { relu: relu(x), gelu: gelu(x), gelu_tanh: geluTanh(x), silu: silu(x), sigmoid: sigmoid(x) };
  },
  backward(c, of, upstream) {
    const x = input(c, "x");
    const dy = upstreamTensor(upstream);
    if (activationKind(c) === "elementwise") {
      if (!ELEMENTWISE.includes(of)) throw new Error(`cannot differentiate "${of}"`);
      return { inputs: { x: activationBackward(x, dy, of as Activation) } };
    }
    const key = { output: "output", gate_silu_xW1: "gate", up_xW3: "up" }[of];
    if (!key) throw new Error(`cannot differentiate "${of}"`);
    const { dx, grads } = swigluBackward(x, { W1: weight(c, "W1"), W3: weight(c, "W3"), W2: weight(c, "W2") }, { [key]: dy });
    return { inputs: { x: dx }, weights: grads };
  },
};
export default adapter;
