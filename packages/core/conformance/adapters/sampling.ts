import { applyTemperature, inverseCdf, softmax, topKFilter, topPFilter, type NestedArray, type Tensor } from "../../src/index.js";
import { input, optionalParam, param, type Adapter } from "../adapter.js";
import type { FixtureCase } from "../fixture.js";

const finite = (v: NestedArray): unknown => (Array.isArray(v) ? v.map(finite) : Number.isFinite(v));

/** inverse_cdf: probs (V,) with uniforms (n,) or a scalar; probs (R, V) with one uniform (or row of them) per row. */
function inverseCdfAll(probs: Tensor, u: Tensor): NestedArray {
  if (probs.rank > 1) return Array.from({ length: probs.shape[0] }, (_, r) => inverseCdfAll(probs.index(r), u.index(r)));
  if (u.rank === 0) return inverseCdf(probs, u.data[0]);
  return Array.from(u.data, (v) => inverseCdf(probs, v));
}

/** Running sum over the last axis (left to right, as torch.cumsum). */
function cumsum(p: Tensor): Tensor {
  const out = p.clone();
  const V = p.shape[p.rank - 1];
  for (let o = 0; o < p.size; o += V) {
    for (let i = 1; i < V; i++) out.data[o + i] += out.data[o + i - 1];
  }
  return out;
}

type Step = "temperature" | "top_k" | "top_p";
const HF_ORDER: readonly Step[] = ["temperature", "top_k", "top_p"];

/** `params.kind` where present, otherwise inverse-CDF sampling exactly when the case gives uniforms. */
function samplingKind(c: FixtureCase): string {
  return (c.params.kind as string | undefined) ?? ("u" in c.inputs ? "inverse_cdf" : "combined");
}

const adapter: Adapter = {
  run(c) {
    if (samplingKind(c) === "inverse_cdf") {
      const probs = input(c, "probs");
      return { cdf: cumsum(probs), indices: inverseCdfAll(probs, input(c, "u")) };
    }
    const logits = input(c, "logits");
    const keep = optionalParam(c, "min_tokens_to_keep", 1);
    if (keep !== 1) throw new Error(`params.min_tokens_to_keep=${keep} is not supported (core keeps at least 1 token)`);
    const num = (k: string): number | undefined => (typeof c.params[k] === "number" ? (c.params[k] as number) : undefined);
    const temperature = num("temperature") ?? 1;
    const order = optionalParam<Step[]>(c, "order", HF_ORDER.filter((s) => s === "temperature" || num(s) !== undefined));
    const scaled = applyTemperature(logits, temperature);
    let filtered = logits;
    for (const step of order) {
      if (step === "temperature") filtered = applyTemperature(filtered, temperature);
      else if (step === "top_k") filtered = topKFilter(filtered, param<number>(c, "top_k"));
      else if (step === "top_p") filtered = topPFilter(filtered, param<number>(c, "top_p"));
      else throw new Error(`params.order: unknown step "${String(step)}"`);
    }
    return { scaled_logits: scaled, filtered_logits: filtered, probs: softmax(filtered), kept_mask: finite(filtered.toArray()) };
  },
};
export default adapter;
