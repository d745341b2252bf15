import { defineExercises } from "@qkv/quiz";
import { matmul, scale, tensor, transpose, type Rng } from "@qkv/core";

const ints = (rng: Rng, n: number): number[] => Array.from({ length: n }, () => rng.int(7) - 3);

export default defineExercises([
  {
    id: "scaled-score",
    kind: "numeric",
    tolerance: { abs: 1e-3 },
    generate(rng) {
      const dk = [4, 9, 16][rng.int(3)];
      const q = ints(rng, dk), k = ints(rng, dk);
      const s = scale(matmul(tensor([q]), transpose(tensor([k]))), 1 / Math.sqrt(dk)).data[0];
      return {
        prompt: `A head has $d_k = ${dk}$. With $q = [${q.join(", ")}]$ and $k = [${k.join(", ")}]$, what is the scaled attention score $q\\cdot k/\\sqrt{d_k}$?`,
        expected: s,
        mistakes: [
          { name: "forget to divide by \u221ad_k", value: s * Math.sqrt(dk) },
          { name: "divide by d_k instead of \u221ad_k", value: s / Math.sqrt(dk) },
        ],
        explanation: `Dot product $q\\cdot k = ${q.reduce((a, v, i) => a + v * k[i], 0)}$, divided by $\\sqrt{${dk}} = ${Math.sqrt(dk)}$.`,
      };
    },
  },
  {
    id: "score-variance",
    kind: "numeric",
    tolerance: { rel: 1e-9 },
    generate(rng) {
      const dk = [32, 64, 128, 256][rng.int(4)];
      return {
        prompt: `If the $d_k = ${dk}$ components of $q$ and $k$ are independent with mean 0 and variance 1, what is the standard deviation of the *unscaled* score $q\\cdot k$?`,
        expected: Math.sqrt(dk),
        mistakes: [
          { name: "give the variance d_k instead of the standard deviation", value: dk },
          { name: "give the standard deviation after scaling (1)", value: 1 },
        ],
        explanation: `The dot product sums $${dk}$ products, each with variance 1, so its variance is $${dk}$ and its standard deviation $\\sqrt{${dk}}$; dividing by $\\sqrt{d_k}$ brings it back to 1.`,
      };
    },
  },
  {
    id: "which-dk",
    kind: "multiple-choice",
    prompt: "In a 12-head model with $d_{\\text{model}} = 768$, what is the scaling factor applied to the attention scores?",
    choices: [
      { text: "$1/\\sqrt{64} = 0.125$", correct: true, explanation: "$d_k$ is the per-head query/key size, $768 / 12 = 64$." },
      { text: "$1/\\sqrt{768}$", correct: false, explanation: "That uses $d_{\\text{model}}$; it over-shrinks the scores by $\\sqrt{12}$." },
      { text: "$1/\\sqrt{T}$ for sequence length $T$", correct: false, explanation: "The scale does not depend on the sequence length; it corrects the variance of a $d_k$-term dot product." },
      { text: "$1/64$", correct: false, explanation: "The scale is $1/\\sqrt{d_k}$, not $1/d_k$: the standard deviation grows like $\\sqrt{d_k}$." },
    ],
  },
]);
