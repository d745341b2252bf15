import { defineExercises } from "@qkv/quiz";

export default defineExercises([
  {
    id: "attention-flops",
    kind: "numeric",
    tolerance: { rel: 1e-9 },
    generate(rng) {
      const T = [128, 512, 2048][rng.int(3)];
      const dk = [64, 128][rng.int(2)];
      return {
        prompt: `One head with $T = ${T}$ and $d_k = d_v = ${dk}$: how many multiply-adds do the two quadratic products $QK^\\top$ and $AV$ take together (count the masked half too, as a naive implementation does)?`,
        expected: 2 * T * T * dk,
        mistakes: [
          { name: "count only QK\u1d40 (forget the AV product)", value: T * T * dk },
          { name: "count only the causal (unmasked) half", value: T * (T + 1) * dk },
        ],
        explanation: `$QK^\\top$: $T \\cdot T \\cdot d_k$; $AV$: $T \\cdot T \\cdot d_v$; total $2T^2 d_k$.`,
      };
    },
  },
  {
    id: "order-of-steps",
    kind: "multiple-choice",
    prompt: "Which ordering of masked self-attention is correct?",
    choices: [
      {
        text: "Project to $Q, K, V$ → scores $QK^\\top/\\sqrt{d_k}$ → add the causal mask → row softmax → multiply by $V$.",
        correct: true,
        explanation: "The mask must enter before the softmax so future keys are excluded from the normaliser.",
      },
      {
        text: "Project → scores → row softmax → add the causal mask → multiply by $V$.",
        correct: false,
        explanation: "Masking after the softmax leaves rows that do not sum to 1 and leaks future scores through the denominator.",
      },
      {
        text: "Project → multiply $A$ by $V$ → scores → softmax.",
        correct: false,
        explanation: "The weights $A$ come from the scores, so they must be computed before the weighted sum.",
      },
      {
        text: "Scores on the raw embeddings → softmax → project with $W_Q, W_K, W_V$.",
        correct: false,
        explanation: "The scores are computed from the projected queries and keys, not from raw embeddings.",
      },
    ],
  },
]);
