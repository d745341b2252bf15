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
  {
    id: "cost-of-doubling-context",
    kind: "numeric",
    tolerance: { rel: 5e-3 },
    generate(rng) {
      // Neither "2×" nor "4×": predict how the whole layer's cost grows from which terms are linear and which quadratic in T.
      const d = [768, 2048, 4096][rng.int(3)];
      const T = [d / 4, d, 2 * d, 8 * d][rng.int(4)];
      const cost = (t: number) => 4 * t * d * d + 2 * t * t * d; // Q, K, V, O projections + QKᵀ and AV over all heads (multiply-adds)
      const ratio = cost(2 * T) / cost(T);
      return {
        prompt:
          `A causal self-attention layer (naive kernel, $d_{model} = ${d}$, any number of heads) processes $T = ${T}$ tokens. The context is doubled ` +
          `to ${2 * T}. By what factor do the layer's multiply-adds grow (the four projections plus $QK^\\top$ and $AV$)?`,
        expected: ratio,
        mistakes: [
          { name: "treat the whole layer as quadratic in $T$", value: 4 },
          { name: "treat the whole layer as linear in $T$", value: 2 },
        ].filter((m) => Math.abs(m.value - ratio) > 5e-3 * ratio),
        explanation:
          `Projections cost $4Td^2$ (linear in $T$), the two products $2T^2d$ (quadratic). At $T = ${T}$ they are ${(4 * T * d * d / 1e9).toFixed(1)} and ` +
          `${((2 * T * T * d) / 1e9).toFixed(1)} GMAC; doubling $T$ gives $(2\\cdot 4Td^2 + 4\\cdot 2T^2d)/(4Td^2 + 2T^2d) = ${ratio.toFixed(3)}$. The factor moves ` +
          `from 2 towards 4 as $T$ grows; it is 3 at $T = 2d$, where the two parts are equal.`,
      };
    },
  },
]);
