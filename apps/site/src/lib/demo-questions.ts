// Which questions each live demo shows: the one place this mapping lives. A demo page lists its questions and each
// of those question pages links back to the demo ("See it live"); demo-questions.test.ts checks every id against
// content/ and every demo against DEMOS.
import { DEMOS } from "./topics.ts";

export const DEMO_QUESTIONS: Record<string, readonly string[]> = {
  attention: [
    "scaled-dot-product-attention",
    "why-scale-by-sqrt-dk",
    "query-key-value",
    "masked-attention-step-1-projections",
    "masked-attention-step-2-scores",
    "masked-attention-step-3-softmax",
    "masked-attention-step-4-causal-mask",
    "masked-attention-step-5-output",
    "masked-attention-step-by-step-walkthrough",
    "masked-self-attention",
    "causal-mask-mechanics",
    "causal-vs-padding-mask",
    "masked-attention-step-padding-and-causal-masks",
    "sliding-window-attention",
    "why-multiple-heads",
    "attention-head-roles",
    "attention-weights-as-explanation",
  ],
  "positional-encoding": [
    "why-positional-encoding",
    "sinusoidal-positional-encoding",
    "rotary-position-embedding",
    "rope-why-it-won",
    "learned-vs-sinusoidal-positions",
    "position-information-from-indices-to-rope",
  ],
  normalization: [
    "layer-norm-computation",
    "rmsnorm-vs-layernorm",
    "post-ln-vs-pre-ln",
    "residual-connections-gradient-path",
    "residual-connections",
    "layer-norm-vs-batch-norm",
  ],
  sampling: ["temperature-sampling", "top-k-sampling", "top-p-nucleus-sampling", "sampling-pipeline-order"],
  moe: ["mixture-of-experts"],
  "trained-model": ["gpt-decoder-only", "attention-head-roles", "attention-weights-as-explanation", "temperature-sampling"],
  "model-walk": [
    "gpt-decoder-only",
    "token-embedding-lookup",
    "decoder-only-block-attention-vs-ffn",
    "why-multiple-heads",
    "attention-head-roles",
    "position-wise-ffn",
    "residual-connections",
    "lm-head-weight-tying-and-output-softmax",
    "kv-cache",
  ],
};

export interface DemoLink {
  slug: string;
  title: string;
  href: string;
}

/** The demos that show question `id`, in DEMOS order. */
export function demosOfQuestion(id: string): DemoLink[] {
  return DEMOS.filter((d) => DEMO_QUESTIONS[d.slug]?.includes(id)).map((d) => ({ slug: d.slug, title: d.title, href: `/demos/${d.slug}/` }));
}
