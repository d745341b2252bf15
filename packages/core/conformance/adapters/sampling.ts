import { applyTemperature, inverseCdf, processLogits, softmax, type NestedArray, type Tensor } from "../../src/index.js";
import { input, param, type Adapter } from "../adapter.js";

const toBool = (v: NestedArray): unknown => (Array.isArray(v) ? v.map(toBool) : v !== 0);

/** inverse_cdf: probs (V,) with uniforms (n,) or a scalar; probs (R, V) with one uniform (or row of them) per row. */
function inverseCdfAll(probs: Tensor, uniforms: Tensor): NestedArray {
  if (probs.rank > 1) return Array.from({ length: probs.shape[0] }, (_, r) => inverseCdfAll(probs.index(r), uniforms.index(r)));
  if (uniforms.rank === 0) return inverseCdf(probs, uniforms.data[0]);
  return Array.from(uniforms.data, (u) => inverseCdf(probs, u));
}

const adapter: Adapter = {
  run(c) {
    const kind = param<string>(c, "kind");
    if (kind === "inverse_cdf") return { indices: inverseCdfAll(input(c, "probs"), input(c, "uniforms")) };
    const logits = input(c, "logits");
    if (kind === "temperature") {
      const scaled = applyTemperature(logits, param<number>(c, "temperature"));
      return { scaled_logits: scaled, probs: softmax(scaled) };
    }
    const opt = (k: string): number | undefined => (typeof c.params[k] === "number" ? (c.params[k] as number) : undefined);
    const { filtered, probs, keptMask } = processLogits(logits, { temperature: opt("temperature"), topK: opt("top_k"), topP: opt("top_p") });
    return { filtered_logits: filtered, probs, kept_mask: toBool(keptMask.toArray()) };
  },
};
export default adapter;
