import { defineExercises } from "@qkv/quiz";

export default defineExercises([
  {
    id: "extra-parameters",
    kind: "numeric",
    tolerance: { abs: 0 },
    generate(rng) {
      const d = [512, 768, 1024][rng.int(3)];
      const dp = [64, 128, 256][rng.int(3)];
      return {
        prompt: `Instead of adding positions, you concatenate a ${dp}-dimensional position code to ${d}-dimensional token embeddings, and only the first layer's $W_Q, W_K, W_V$ (each (input width) × ${d}) grow to accept the wider input. How many parameters does that add?`,
        expected: 3 * dp * d,
        mistakes: [{ name: "count only one projection", value: dp * d }],
        explanation: `Each of the three projections gains ${dp} input rows of width ${d}: $3\\cdot${dp}\\cdot${d} = ${3 * dp * d}$. (Widening every layer would cost far more.)`,
      };
    },
  },
  {
    id: "why-add-works",
    kind: "multiple-choice",
    prompt: "Why does adding a positional vector to a token embedding not destroy the token's identity in practice?",
    choices: [
      { text: "In hundreds of dimensions the two occupy nearly orthogonal directions, and learned projections can separate them", correct: true, explanation: "Random directions in $d$ dimensions have cosines of order $1/\\sqrt d$." },
      { text: "The positional vector is always zero after training", correct: false, explanation: "Sinusoidal vectors are fixed and non-zero; learned ones are trained, not zeroed." },
      { text: "Attention subtracts the positional vector before comparing tokens", correct: false, explanation: "Nothing subtracts it; the model learns to use both parts." },
    ],
  },
]);
