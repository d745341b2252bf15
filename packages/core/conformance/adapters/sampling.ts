import {
  Tensor,
  applyTemperature,
  inverseCdf,
  processLogitsBackward,
  softmax,
  topKFilter,
  topPFilter,
  type NestedArray,
  type SamplingUpstream,
} from "../../src/index.js";
import { input, optionalParam, param, upstreamTensor, type Adapter } from "../adapter.js";
import type { FixtureCase } from "../fixture.js";

const finite = (v: NestedArray): unknown => (Array.isArray(v) ? v.map(finite) : Number.isFinite(v));

/** inverse_cdf: probs (V,) with uniforms (n,) or a scalar; probs (R, V) with one uniform (or row of them) per row. */
function inverseCdfAll(probs: Tensor, u: Tensor): NestedArray {
  if (probs.rank > 1) return Array.from({ length: probs.shape[0] }, (_, r) => inverseCdfAll(probs.index(r), u.index(r)));
  if (u.rank === 0) return inverseCdf(probs, u.data[0]);
  return Array.from(u.data, (v) => inverseCdf(probs, v));
}

/** The adjoint of `cumsum`: a running sum over the last axis from the right. */
function reverseCumsum(d: Tensor): Tensor {
  const out = d.clone();
  const V = d.shape[d.rank - 1];
  for (let o = 0; o < d.size; o += V) {
    for (let i = V - 2; i >= 0; i--) out.data[o + i] += out.data[o + i + 1];
  }
  return out;
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

/**
 * The scaled logits, the filtered ones (steps in the case's order) and the temperatures each went through (the
 * filtered logits only if the order includes the temperature step).
 */
function pipeline(c: FixtureCase): { temperature: number; filteredTemperature: number; scaled: Tensor; filtered: Tensor } {
  const logits = input(c, "logits");
  const keep = optionalParam(c, "min_tokens_to_keep", 1);
  if (keep !== 1) throw new Error(`params.min_tokens_to_keep=${keep} is not supported (core keeps at least 1 token)`);
  const num = (k: string): number | undefined => (typeof c.params[k] === "number" ? (c.params[k] as number) : undefined);
  const temperature = num("temperature") ?? 1;
  const order = optionalParam<Step[]>(c, "order", HF_ORDER.filter((s) => s === "temperature" || num(s) !== undefined));
  let filtered = logits;
  for (const step of order) {
    if (step === "temperature") filtered = applyTemperature(filtered, temperature);
    else if (step === "top_k") filtered = topKFilter(filtered, param<number>(c, "top_k"));
    else if (step === "top_p") filtered = topPFilter(filtered, param<number>(c, "top_p"));
    else throw new Error(`params.order: unknown step "${String(step)}"`);
  }
  const filteredTemperature = order.includes("temperature") ? temperature : 1;
  return { temperature, filteredTemperature, scaled: applyTemperature(logits, temperature), filtered };
}

const UPSTREAM: Record<string, keyof SamplingUpstream> = { scaled_logits: "scaled", filtered_logits: "filtered", probs: "probs" };

const adapter: Adapter = {
  run(c) {
    if (samplingKind(c) === "inverse_cdf") {
      const probs = input(c, "probs");
      return { cdf: cumsum(probs), indices: inverseCdfAll(probs, input(c, "u")) };
    }
    const { scaled, filtered } = pipeline(c);
    return { scaled_logits: scaled, filtered_logits: filtered, probs: softmax(filtered), kept_mask: finite(filtered.toArray()) };
  },
  backward(c, of, upstream) {
    if (samplingKind(c) === "inverse_cdf") {
      // cdf_i = Σ_{j ≤ i} p_j, so ∂/∂p_i = Σ_{j ≥ i} dcdf_j (a reversed running sum); indices and u are piecewise
      // constant / unused by cdf.
      if (of !== "cdf") throw new Error(`cannot differentiate "${of}"`);
      const dcdf = upstreamTensor(upstream);
      const dprobs = reverseCumsum(dcdf);
      return { inputs: { probs: dprobs, u: Tensor.zeros(input(c, "u").shape) } };
    }
    const key = UPSTREAM[of];
    if (!key) throw new Error(`cannot differentiate "${of}"`);
    const { temperature, filteredTemperature, filtered } = pipeline(c);
    const T = key === "scaled" ? temperature : filteredTemperature;
    return { inputs: { logits: processLogitsBackward(filtered, { [key]: upstreamTensor(upstream) }, T) } };
  },
};
export default adapter;
