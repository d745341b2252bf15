import { defineExercises } from "@qkv/quiz";
import { sinusoidalEncoding } from "@qkv/core";

export default defineExercises([
  {
    id: "sinusoid-value",
    kind: "numeric",
    tolerance: { abs: 1e-4 },
    generate(rng) {
      const d = [4, 8, 16][rng.int(3)];
      const pos = 1 + rng.int(50);
      const k = rng.int(d);
      return {
        prompt: `Sinusoidal encoding with $d = ${d}$: what is $\\mathrm{PE}_{${pos},${k}}$ (0-based dimension ${k})?`,
        expected: sinusoidalEncoding([pos], d).data[k],
        mistakes: [
          { name: "swap sine and cosine", value: (k % 2 === 0 ? Math.cos : Math.sin)(pos / Math.pow(10000, (2 * Math.floor(k / 2)) / d)) },
          { name: "use the exponent k/d instead of 2\u230ak/2\u230b/d", value: (k % 2 === 0 ? Math.sin : Math.cos)(pos / Math.pow(10000, k / d)) },
        ],
        explanation: `Dimension ${k} is a ${k % 2 === 0 ? "sine" : "cosine"} with $i = ${Math.floor(k / 2)}$: $${k % 2 === 0 ? "\\sin" : "\\cos"}(${pos} / 10000^{${2 * Math.floor(k / 2)}/${d}})$.`,
      };
    },
  },
  {
    id: "why-not-raw-index",
    kind: "multiple-choice",
    prompt: "What is the main problem with appending the raw position index $t$ as an extra input feature?",
    choices: [
      {
        text: "Its scale is unbounded and unlike the other features, it is out of distribution for longer inputs, and one scalar makes relative offsets hard to use.",
        correct: true,
        explanation: "Bounded multi-frequency encodings (sinusoids) or rotations (RoPE) avoid all three problems.",
      },
      {
        text: "An integer cannot be used as input to a neural network.",
        correct: false,
        explanation: "It can be fed as a number; the problems are scale, extrapolation and expressiveness.",
      },
      {
        text: "Attention already knows the order of tokens, so it is redundant.",
        correct: false,
        explanation: "Self-attention is permutation-equivariant: without position information it cannot tell orders apart.",
      },
      {
        text: "It would make the model's output depend on position.",
        correct: false,
        explanation: "That dependence is exactly what position information is for.",
      },
    ],
  },
]);
