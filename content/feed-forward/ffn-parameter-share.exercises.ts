import { defineExercises } from "@qkv/quiz";

export default defineExercises([
  {
    id: "layer-parameter-count",
    kind: "numeric",
    tolerance: { abs: 0 },
    generate(rng) {
      const d = [512, 768, 1024, 1600][rng.int(4)];
      const attention = 4 * d * d + 4 * d, ffn = 8 * d * d + 5 * d, norms = 4 * d;
      return {
        prompt: `A GPT-2-style layer has width $d = ${d}$, a $4d$ GELU MLP, biases everywhere and two LayerNorms. How many parameters does one layer have?`,
        expected: attention + ffn + norms,
        mistakes: [
          { name: "leave out every bias and LayerNorm (12d\u00b2)", value: 12 * d * d },
          { name: "count the MLP as two d\u00d7d matrices (4d\u00b2 + \u2026 instead of 8d\u00b2)", value: attention + 2 * d * d + 2 * d + norms },
        ],
        explanation: `Attention $4d^2 + 4d = ${attention}$, MLP $8d^2 + 5d = ${ffn}$, LayerNorms $4d = ${norms}$; total $12d^2 + 13d$.`,
      };
    },
  },
  {
    id: "attention-equals-projection-context",
    kind: "numeric",
    tolerance: { abs: 0 },
    generate(rng) {
      const d = [768, 1024, 2048, 4096][rng.int(4)];
      return {
        prompt: `Per token, the weight matrices of a layer cost about $12d^2$ multiply-adds and the attention products $QK^\\top$ and $AV$ about $2Td$. For $d = ${d}$, at what context length $T$ are they equal?`,
        expected: 6 * d,
        explanation: `$2Td = 12d^2 \\Rightarrow T = 6d = ${6 * d}$.`,
      };
    },
  },
  {
    id: "where-moe-goes",
    kind: "multiple-choice",
    prompt: "Mixture-of-Experts layers replace the feed-forward block rather than attention. Which fact best explains this choice?",
    choices: [
      {
        text: "The FFN holds about two thirds of each layer's parameters and acts per token, so routing tokens to different FFNs adds capacity cheaply.",
        correct: true,
        explanation: "Per-token computation is easy to route, and it is where most of the parameters live.",
      },
      {
        text: "Attention has no parameters to replicate.",
        correct: false,
        explanation: "Attention has $4d^2$ projection weights per layer; it is just the smaller share and mixes tokens, which makes routing awkward.",
      },
      {
        text: "The FFN is where tokens exchange information, so experts can specialise on token pairs.",
        correct: false,
        explanation: "Tokens exchange information in attention; the FFN is per position.",
      },
      {
        text: "Because the FFN's cost grows quadratically with sequence length.",
        correct: false,
        explanation: "The FFN is linear in sequence length; it is attention's score computation that is quadratic.",
      },
    ],
  },
  {
    id: "swiglu-matching-width",
    kind: "numeric",
    tolerance: { rel: 5e-3 },
    generate(rng) {
      // Derive the width that keeps a gated FFN's parameter budget equal to the classic 4d MLP.
      const d = [768, 1024, 2048, 4096][rng.int(4)];
      const denseParams = 2 * d * 4 * d;
      const dff = (8 * d) / 3; // 3 · d · d_ff = 8 d²
      const hidden = Math.round(dff);
      const gatedParams = 3 * d * hidden;
      return {
        prompt:
          `A model of width $d = ${d}$ replaces its $4d$ GELU MLP (two matrices, no biases) with a SwiGLU FFN (three matrices $W_1, W_3, W_2$, ` +
          `no biases). What hidden width $d_{ff}$ keeps the parameter count the same?`,
        expected: dff,
        mistakes: [
          { name: "keep $d_{ff} = 4d$, which adds half again as many parameters", value: 4 * d },
          { name: "divide $4d$ by 3 matrices instead of keeping $3\\,d\\,d_{ff} = 8d^2$", value: (4 * d) / 3 },
        ],
        explanation:
          `The MLP has $2\\cdot d\\cdot 4d = 8d^2 = ${denseParams.toLocaleString("en-US")}$ weights; SwiGLU has $3\\,d\\,d_{ff}$, so $d_{ff} = 8d/3 = ${dff.toFixed(1)}$. ` +
          `With $d_{ff} = ${hidden}$ the three matrices hold ${gatedParams.toLocaleString("en-US")}. Real models round up to a multiple of 64 or 256 ` +
          `(LLaMA-7B: 11008 for $d = 4096$).`,
      };
    },
  },
]);
