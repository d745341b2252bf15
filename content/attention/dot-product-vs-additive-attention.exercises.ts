import { defineExercises } from "@qkv/quiz";

export default defineExercises([
  {
    id: "intermediate-size",
    kind: "numeric",
    tolerance: { rel: 1e-9 },
    generate(rng) {
      const L = [128, 256, 512, 1024][rng.int(4)], S = L, da = [32, 64, 128][rng.int(3)];
      return {
        prompt: `Additive attention scores $v^\\top\\tanh(W_1 q_i + W_2 k_j)$ for every pair of ${L} queries and ${S} keys with hidden size $d_a = ${da}$. How many values does the $\\tanh$ intermediate tensor hold (one head, one sequence)?`,
        expected: L * S * da,
        mistakes: [
          { name: "count only the score matrix (L·S), as for dot-product attention", value: L * S },
          { name: "count the projected queries and keys only ((L + S)·d_a)", value: (L + S) * da },
        ],
        explanation: `One $d_a$-vector per (query, key) pair: ${L}·${S}·${da} = ${L * S * da}. Dot-product attention needs only the ${L * S} scores, computed as one GEMM.`,
      };
    },
  },
  {
    id: "why-scale",
    kind: "multiple-choice",
    prompt: "Why did additive attention beat *unscaled* dot-product attention for large $d_k$ in the Transformer paper's comparison?",
    choices: [
      { text: "Unscaled dot products grow like $\\sqrt{d_k}$ and saturate the softmax; the $\\tanh$ keeps additive scores bounded", correct: true, explanation: "That is the paper's diagnosis; dividing by $\\sqrt{d_k}$ is its remedy, keeping the score variance near 1 whatever the head size." },
      { text: "Additive attention has more parameters, so it is always more accurate", correct: false, explanation: "The paper reports the two as similar for small $d_k$; the gap at large $d_k$ is blamed on unscaled dot products, not on parameter count." },
      { text: "Dot products cannot compare queries and keys of the same size", correct: false, explanation: "They require equal sizes; that is not the issue." },
    ],
  },
]);
