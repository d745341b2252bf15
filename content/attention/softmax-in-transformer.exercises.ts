import { defineExercises } from "@qkv/quiz";
import { softmax, tensor } from "@qkv/core";

export default defineExercises([
  {
    id: "temperature-probability",
    kind: "numeric",
    tolerance: { abs: 5e-4 },
    generate(rng) {
      const logits = [0, 1, 2].map(() => Math.round((rng.uniform() * 6 - 3) * 10) / 10);
      const T = [0.5, 0.7, 1, 1.5, 2][rng.int(5)];
      const p = softmax(tensor([logits]), { temperature: T }).data;
      return {
        prompt: `Next-token logits $[${logits.join(", ")}]$, temperature $T = ${T}$. What probability does the first token get? (4 decimals)`,
        expected: p[0],
        mistakes: [
          { name: "multiply the logits by T instead of dividing", value: softmax(tensor([logits.map((v) => v * T)])).data[0] },
          { name: "ignore the temperature", value: softmax(tensor([logits])).data[0] },
        ],
        explanation: `Divide the logits by ${T} and apply softmax: ${Array.from(p, (v) => v.toFixed(4)).join(", ")}.`,
      };
    },
  },
  {
    id: "where-softmax",
    kind: "multiple-choice",
    prompt: "In a standard decoder-only Transformer, where is softmax applied?",
    choices: [
      { text: "Over the keys in every attention head, and over the vocabulary at the output", correct: true, explanation: "Attention rows are normalised per query; the LM head's logits become next-token probabilities." },
      { text: "Only at the output layer", correct: false, explanation: "Every attention head also normalises its scores with a softmax." },
      { text: "After every feed-forward layer as the activation", correct: false, explanation: "FFNs use ReLU/GELU/SwiGLU, not softmax." },
      { text: "Over the embedding dimension of each token", correct: false, explanation: "Normalising features is LayerNorm/RMSNorm's job, and they do not produce probabilities." },
    ],
  },
  {
    id: "recall-softmax-props",
    kind: "recall",
    prompt: "Name three properties of softmax that matter in Transformers.",
    answer: "Outputs are positive and sum to 1; invariant to adding a constant to all logits (hence max-subtraction for stability); dividing logits by a temperature sharpens ($T<1$) or flattens ($T>1$) the distribution.",
  },
  {
    id: "infer-temperature",
    kind: "numeric",
    tolerance: { rel: 0.02 },
    generate(rng) {
      // Work backwards from a distribution to the temperature: log-probability gaps are logit gaps divided by T.
      const logits = [2, 0.5, -1, 0].map((v) => v + Math.round((rng.uniform() - 0.5) * 10) / 10);
      const T = [0.3, 0.5, 0.7, 1.5, 2, 3][rng.int(6)];
      const p = Array.from(softmax(tensor([logits]), { temperature: T }).data);
      return {
        prompt:
          `A sampler turns the logits $[${logits.join(", ")}]$ into the probabilities $[${p.map((v) => v.toFixed(4)).join(", ")}]$ with a ` +
          `temperature-scaled softmax. Which temperature $T$ did it use? (2 significant digits are enough)`,
        expected: T,
        mistakes: [
          {
            name: T < 1 ? "invert the temperature (a distribution sharper than softmax(z) means T < 1)" : "invert the temperature (a distribution flatter than softmax(z) means T > 1)",
            value: 1 / T,
          },
        ],
        explanation:
          `$\\log(p_1/p_2) = (z_1 - z_2)/T$, so $T = (${logits[0]} - ${logits[1]})/\\ln(${p[0].toFixed(4)}/${p[1].toFixed(4)}) = ` +
          `${((logits[0] - logits[1]) / Math.log(p[0] / p[1])).toFixed(3)}$. ` +
          (T < 1 ? "The distribution is sharper than the plain softmax, as $T < 1$ makes it." : "The distribution is flatter than the plain softmax, as $T > 1$ makes it."),
      };
    },
  },
]);
