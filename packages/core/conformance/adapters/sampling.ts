import { applyTemperature, inverseCdf, processLogits, softmax } from "../../src/index.js";
import { input, param, type Adapter } from "../adapter.js";

const adapter: Adapter = {
  run(c) {
    const kind = param<string>(c, "kind");
    if (kind === "inverse_cdf") {
      const probs = input(c, "probs");
      return { indices: Array.from(input(c, "uniforms").data, (u) => inverseCdf(probs, u)) };
    }
    const logits = input(c, "logits");
    const temperature = c.params.temperature as number | undefined;
    if (kind === "temperature") {
      const scaled = applyTemperature(logits, param<number>(c, "temperature"));
      return { scaled_logits: scaled, probs: softmax(scaled) };
    }
    const { filtered, probs, keptMask } = processLogits(logits, {
      temperature: temperature ?? undefined,
      topK: (c.params.top_k as number | null | undefined) ?? undefined,
      topP: (c.params.top_p as number | null | undefined) ?? undefined,
    });
    return { filtered_logits: filtered, probs, kept_mask: (keptMask.toArray() as number[][]).map((r) => r.map(Boolean)) };
  },
};
export default adapter;
