import { defineExercises } from "@qkv/quiz";
import { softmax, tensor, randn, scaledDotProductAttention } from "@qkv/core";

export default defineExercises([
  {
    id: "score-std",
    kind: "numeric",
    tolerance: { rel: 1e-3 },
    generate(rng) {
      const dk = [16, 32, 64, 96, 128, 256][rng.int(6)];
      const sq = [0.5, 1, 1.5, 2][rng.int(4)];
      const sk = [0.5, 1, 2][rng.int(3)];
      const std = Math.sqrt(dk) * sq * sk;
      return {
        prompt:
          `Query and key components are independent, mean 0, with standard deviations $\\sigma_q = ${sq}$ and ` +
          `$\\sigma_k = ${sk}$. With $d_k = ${dk}$, what is the standard deviation of the *unscaled* score $q\\cdot k$?`,
        expected: std,
        mistakes: [
          { name: "give the variance d_k\u00b7\u03c3_q\u00b2\u00b7\u03c3_k\u00b2 instead of the standard deviation", value: std * std },
          { name: "forget the \u221ad_k factor", value: sq * sk },
          { name: "multiply by d_k instead of \u221ad_k", value: dk * sq * sk },
        ],
        explanation:
          `Each product $q_ik_i$ has variance $\\sigma_q^2\\sigma_k^2$; $d_k$ independent terms add: ` +
          `$\\mathrm{Var}(q\\cdot k) = d_k\\sigma_q^2\\sigma_k^2$, so the standard deviation is $\\sqrt{${dk}}\\cdot ${sq}\\cdot ${sk} = ${std.toFixed(3)}$. ` +
          `Dividing by $\\sqrt{d_k}$ removes the $\\sqrt{d_k}$ factor.`,
      };
    },
  },
  {
    id: "max-weight-unscaled-vs-scaled",
    kind: "numeric",
    tolerance: { abs: 5e-4 },
    generate(rng) {
      const dk = [16, 64, 256][rng.int(3)];
      const raw = [0, 1, 2].map(() => Math.round((rng.uniform() * 2 - 1) * Math.sqrt(dk) * 10) / 10);
      const scaled = softmax(tensor([raw.map((s) => s / Math.sqrt(dk))])).data;
      const unscaled = softmax(tensor([raw])).data;
      const top = raw.indexOf(Math.max(...raw));
      return {
        prompt:
          `Raw dot products $q\\cdot k_j$ are $[${raw.join(", ")}]$ with $d_k = ${dk}$. What is the largest attention ` +
          `weight after *correct* scaling by $1/\\sqrt{d_k}$? (4 decimals)`,
        expected: scaled[top],
        mistakes: [
          { name: "forget to scale by 1/\u221ad_k", value: unscaled[top] },
          { name: "divide by d_k instead of \u221ad_k", value: softmax(tensor([raw.map((s) => s / dk)])).data[top] },
        ],
        explanation:
          `Divide by $\\sqrt{${dk}} = ${Math.sqrt(dk)}$ and apply softmax: ${Array.from(scaled, (v) => v.toFixed(4)).join(", ")}. ` +
          `Without scaling the weights would be ${Array.from(unscaled, (v) => v.toFixed(4)).join(", ")} — much closer to one-hot.`,
      };
    },
  },
  {
    id: "what-breaks",
    kind: "multiple-choice",
    prompt: "What goes wrong in training if attention scores are *not* divided by $\\sqrt{d_k}$ and $d_k$ is large?",
    choices: [
      { text: "Softmax saturates to near one-hot rows, so gradients through the attention weights become tiny", correct: true, explanation: "Score spread grows like $\\sqrt{d_k}$; in the saturated regime $p_i(\\delta_{ij} - p_j) \\approx 0$." },
      { text: "The attention weights no longer sum to 1", correct: false, explanation: "Softmax always normalises, whatever the scale of its input." },
      { text: "The dot products overflow float32 for $d_k \\ge 64$", correct: false, explanation: "Scores of size ~$\\sqrt{d_k}$ are tiny compared with float32's range; the problem is saturation, not overflow." },
      { text: "Attention becomes uniform over all keys", correct: false, explanation: "That is the effect of scaling *too much* (e.g. dividing by $d_k$); large unscaled scores do the opposite." },
    ],
  },
  {
    id: "recall-variance",
    kind: "recall",
    prompt: "If $q, k \\in \\mathbb{R}^{d_k}$ have i.i.d. zero-mean unit-variance components, what are the mean and variance of $q\\cdot k$?",
    answer: "Mean 0, variance $d_k$ (standard deviation $\\sqrt{d_k}$) — hence the division by $\\sqrt{d_k}$.",
  },
  {
    id: "hard-coded-scale",
    kind: "numeric",
    tolerance: { rel: 0.01 },
    generate(rng) {
      // Predict the effect of a configuration change on the score spread, then measure it on core's attention scores.
      const old = [32, 64][rng.int(2)], dk = old * [2, 4, 8][rng.int(3)];
      const scale = 1 / Math.sqrt(old); // hard-coded for the old head size
      const Q = randn([64, dk], rng), K = randn([64, dk], rng);
      const scores = Array.from(scaledDotProductAttention(Q, K, K, { scale }).scores.data);
      const measured = Math.sqrt(scores.reduce((a, s) => a + s * s, 0) / scores.length);
      const predicted = Math.sqrt(dk / old);
      return {
        prompt:
          `An attention implementation hard-codes the score scale $1/\\sqrt{${old}}$, correct for its original head size $d_k = ${old}$. The model is ` +
          `re-configured with heads of size $d_k = ${dk}$ and nobody updates the constant. With unit-variance query and key components, what is ` +
          `the standard deviation of the scaled scores now (it was 1 before)?`,
        expected: predicted,
        mistakes: [
          { name: "assume the scale still normalises the scores", value: 1 },
          { name: "take the ratio of head sizes without the square root", value: dk / old },
        ],
        explanation:
          `The raw score has standard deviation $\\sqrt{${dk}}$; dividing by $\\sqrt{${old}}$ leaves $\\sqrt{${dk}/${old}} = ${predicted.toFixed(3)}$, so the ` +
          `softmax sees logits ${predicted.toFixed(1)}× too spread out, pushing it towards saturation. Measured on core's scores for 64 × 64 random unit-variance ` +
          `pairs: ${measured.toFixed(3)}.`,
      };
    },
  },
]);
