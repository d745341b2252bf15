import { defineExercises } from "@qkv/quiz";

export default defineExercises([
  {
    id: "which-sublayer-mixes",
    kind: "multiple-choice",
    prompt: "In a decoder-only layer, which sub-layer lets token $i$ use information from token $j \\ne i$?",
    choices: [
      { text: "Masked self-attention (only for $j < i$)", correct: true, explanation: "Attention is the only place positions interact; the causal mask limits it to earlier tokens." },
      { text: "The feed-forward network", correct: false, explanation: "The FFN is applied to each position separately with shared weights." },
      { text: "The LayerNorm/RMSNorm", correct: false, explanation: "The norm uses statistics of a single token vector." },
      { text: "The residual connection", correct: false, explanation: "The residual adds a position's own input back; it is per position." },
    ],
  },
  {
    id: "division-of-labour",
    kind: "recall",
    prompt: "Summarise in two sentences what masked self-attention and the feed-forward block each contribute in a decoder layer.",
    answer:
      "Attention communicates: each token gathers a data-dependent weighted average of earlier tokens' values (the only cross-position step). " +
      "The FFN computes: a shared per-token MLP that adds non-linearity and most of the parameters, turning the gathered context into new features.",
  },
]);
