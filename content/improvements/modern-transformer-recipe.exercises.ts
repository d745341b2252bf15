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
]);
