import { defineExercises } from "@qkv/quiz";
import { matmul, scale, tensor, transpose, type Rng, randn, scaledDotProductAttention } from "@qkv/core";

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
  {
    id: "diagnose-scale-bug",
    kind: "numeric",
    tolerance: { abs: 0 },
    generate(rng) {
      // Which scaling mistake produced a colleague's scores? The ratio to the reference gives it away.
      const h = [4, 8, 12, 16][rng.int(4)], dK = [32, 64, 128][rng.int(3)], dModel = h * dK;
      const q = randn([1, dK], rng), K = randn([4, dK], rng);
      const bugs = [
        { label: "no scaling at all", scale: 1 },
        { label: "divided by $\\sqrt{d_{model}}$ instead of $\\sqrt{d_k}$", scale: 1 / Math.sqrt(dModel) },
        { label: "divided by $d_k$ instead of $\\sqrt{d_k}$", scale: 1 / dK },
      ];
      const bug = rng.int(bugs.length);
      const scores = (s: number) => Array.from(scaledDotProductAttention(q, K, K, { scale: s }).scores.data);
      const right = scores(1 / Math.sqrt(dK)), got = scores(bugs[bug].scale);
      const ratioOf = (s: number) => s * Math.sqrt(dK); // printed / reference for a given scale
      const fmt = (xs: number[]) => xs.map((v) => v.toFixed(3)).join(", ");
      return {
        prompt:
          `A model has $d_{model} = ${dModel}$ and $h = ${h}$ heads. For one query and four keys of one head the reference ` +
          `scores $q\\cdot k_j/\\sqrt{d_k}$ are $[${fmt(right)}]$, but a colleague's attention prints $[${fmt(got)}]$. ` +
          `Which bug is it? ${bugs.map((b, k) => `**${k + 1}**: ${b.label}`).join("; ")}. (Answer 1, 2 or 3.)`,
        expected: bug + 1,
        mistakes: bugs
          .map((b, k) => ({ k, b }))
          .filter(({ k }) => k !== bug)
          .map(({ k, b }) => ({
            name: `read the ratio ${ratioOf(bugs[bug].scale).toPrecision(3)} as ${ratioOf(b.scale).toPrecision(3)}, the ratio of bug ${k + 1}`,
            value: k + 1,
          })),
        explanation:
          `Every printed score is the reference times the same factor, ${ratioOf(bugs[bug].scale).toPrecision(4)}. No scaling multiplies by ` +
          `$\\sqrt{d_k} = ${Math.sqrt(dK).toPrecision(4)}$; $\\sqrt{d_{model}}$ multiplies by $1/\\sqrt{h} = ${(1 / Math.sqrt(h)).toPrecision(4)}$; ` +
          `dividing by $d_k$ multiplies by $1/\\sqrt{d_k} = ${(1 / Math.sqrt(dK)).toPrecision(4)}$. So it is bug ${bug + 1}: ${bugs[bug].label}.`,
      };
    },
  },
]);
