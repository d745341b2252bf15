import { defineExercises } from "@qkv/quiz";

export default defineExercises([
  {
    id: "match-change-to-goal",
    kind: "multiple-choice",
    prompt: "Which modern change targets inference memory and bandwidth rather than training stability or quality?",
    choices: [
      { text: "Grouped-query attention", correct: true, explanation: "Sharing K/V heads shrinks the KV cache and the bytes read per decoding step." },
      { text: "Pre-norm residual blocks", correct: false, explanation: "Pre-norm is about optimisation stability in deep stacks." },
      { text: "SwiGLU feed-forward", correct: false, explanation: "SwiGLU improves quality at equal parameter count." },
      { text: "RMSNorm", correct: false, explanation: "RMSNorm is a cheaper normaliser; its benefit is compute and simplicity, not KV memory." },
    ],
  },
  {
    id: "recipe-recall",
    kind: "recall",
    prompt: "Name six changes from the 2017 Transformer to a LLaMA-style LLM block and the reason for each in a few words.",
    answer:
      "Decoder-only (one objective, generation); pre-norm (stable deep training); RMSNorm (cheaper norm); SwiGLU (better quality per parameter); " +
      "RoPE (relative positions, cache-friendly, extendable); GQA (smaller KV cache); no biases (simplicity/stability). Systems: FlashAttention, KV cache.",
  },

  {
    id: "local-global-cache",
    kind: "numeric",
    tolerance: { rel: 1e-6 },
    generate(rng) {
      const L = [24, 36, 48][rng.int(3)], ratio = [1, 5][rng.int(2)]; // local layers per global layer
      const W = [1024, 4096][rng.int(2)], T = [32768, 131072][rng.int(2)];
      const Hkv = [4, 8][rng.int(2)], hd = 128;
      const globalLayers = L / (ratio + 1), localLayers = L - globalLayers;
      const gib = (global: number, local: number) => (2 * Hkv * hd * 2 * (global * T + local * Math.min(T, W))) / 2 ** 30;
      return {
        prompt:
          `A model with ${L} layers interleaves ${ratio} sliding-window layer(s) (window ${W}) per global layer, with ${Hkv} K/V heads of size ${hd} (GQA) and a bf16 KV cache. ` +
          `How many GiB does the cache of one ${T}-token sequence take, if local layers keep only their last ${W} tokens?`,
        expected: gib(globalLayers, localLayers),
        mistakes: [
          { name: "treat every layer as global (full-length cache)", value: gib(L, 0) },
          { name: "treat every layer as local (window-length cache)", value: gib(0, L) },
          { name: "forget the factor 2 for K and V", value: gib(globalLayers, localLayers) / 2 },
        ],
        explanation: `${globalLayers} global layers cache all ${T} tokens and ${localLayers} local layers at most ${W}: $2 \\cdot ${Hkv} \\cdot ${hd} \\cdot 2$ bytes per token and layer, times $(${globalLayers} \\cdot ${T} + ${localLayers} \\cdot ${Math.min(T, W)})$, divided by $2^{30}$. The global layers dominate: GQA and the local:global mix multiply their savings.`,
      };
    },
  },
]);
