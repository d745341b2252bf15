import { defineExercises } from "@qkv/quiz";

export default defineExercises([
  {
    id: "llama-layer-parameters",
    kind: "numeric",
    tolerance: { abs: 0 },
    generate(rng) {
      const cfg = [
        { d: 4096, ff: 11008, H: 32, Hkv: 32 },
        { d: 5120, ff: 13824, H: 40, Hkv: 40 },
        { d: 4096, ff: 14336, H: 32, Hkv: 8 },
        { d: 8192, ff: 28672, H: 64, Hkv: 8 },
      ][rng.int(4)];
      const hd = cfg.d / cfg.H;
      const attention = 2 * cfg.d * cfg.d + 2 * cfg.d * cfg.Hkv * hd;
      const mlp = 3 * cfg.d * cfg.ff;
      return {
        prompt:
          `A LLaMA-style layer (no biases) has $d = ${cfg.d}$, ${cfg.H} query heads, ${cfg.Hkv} key/value heads, SwiGLU hidden size ${cfg.ff} and two RMSNorms. ` +
          `How many parameters does one layer have?`,
        expected: attention + mlp + 2 * cfg.d,
        mistakes: [
          { name: "count K and V at full width (as if every head had its own K/V)", value: 4 * cfg.d * cfg.d + mlp + 2 * cfg.d },
          { name: "count a plain two-matrix MLP instead of SwiGLU's three", value: attention + 2 * cfg.d * cfg.ff + 2 * cfg.d },
        ],
        explanation:
          `$W_Q, W_O$: $2d^2$; $W_K, W_V$: $2\\,d\\,H_{kv}\\,d_{\\text{head}}$ with $d_{\\text{head}} = ${hd}$; SwiGLU: $3\\,d\\,d_{\\text{ff}}$; RMSNorm gains: $2d$.`,
      };
    },
  },
  {
    id: "llama-vs-gpt2",
    kind: "multiple-choice",
    prompt: "Which set of changes distinguishes LLaMA from a GPT-2-style decoder?",
    choices: [
      {
        text: "RMSNorm (pre-norm), SwiGLU FFN, rotary position embeddings, no biases, untied output head.",
        correct: true,
        explanation: "Plus GQA in LLaMA-2 70B and all LLaMA-3 models.",
      },
      {
        text: "Post-LN, ReLU FFN and learned absolute positions.",
        correct: false,
        explanation: "That is closer to the 2017 Transformer; LLaMA is pre-norm with SwiGLU and RoPE.",
      },
      {
        text: "An encoder–decoder design with cross-attention.",
        correct: false,
        explanation: "LLaMA is decoder-only, like GPT.",
      },
      {
        text: "Sliding-window attention in every layer.",
        correct: false,
        explanation: "That is Mistral 7B (v0.1); LLaMA uses full causal attention.",
      },
    ],
  },

  {
    id: "gqa-conversion",
    kind: "numeric",
    tolerance: { abs: 0 },
    generate(rng) {
      const cfg = [
        { name: "LLaMA-2-7B", L: 32, d: 4096, heads: 32, ff: 11008 },
        { name: "LLaMA-2-13B", L: 40, d: 5120, heads: 40, ff: 13824 },
      ][rng.int(2)];
      const Hkv = [1, 4, 8][rng.int(3)];
      const hd = cfg.d / cfg.heads;
      const removed = cfg.L * 2 * cfg.d * (cfg.d - Hkv * hd);
      return {
        prompt:
          `${cfg.name} (${cfg.L} layers, $d = ${cfg.d}$, ${cfg.heads} heads of ${hd}) is converted to grouped-query attention with $H_{kv} = ${Hkv}$ key/value heads by mean-pooling. ` +
          `Predict how many parameters the conversion removes from the whole model, and by what factor the KV cache shrinks (answer the parameter count).`,
        expected: removed,
        mistakes: [
          { name: "shrink only W_K (or only W_V)", value: removed / 2 },
          { name: "shrink all four projections W_Q, W_K, W_V, W_O", value: 2 * removed },
        ],
        explanation: `Only $W_K$ and $W_V$ shrink, from $d \\times d$ to $d \\times H_{kv} d_{head}$: $${cfg.L} \\times 2 \\times ${cfg.d} \\times (${cfg.d} - ${Hkv * hd}) = ${removed}$, about ${((100 * removed) / (2 * 32000 * cfg.d + cfg.L * (4 * cfg.d * cfg.d + 3 * cfg.d * cfg.ff + 2 * cfg.d) + cfg.d)).toFixed(1)}% of the model. The KV cache shrinks ${cfg.heads / Hkv}× — the real prize.`,
      };
    },
  },
]);
