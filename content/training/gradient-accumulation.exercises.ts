import { defineExercises } from "@qkv/quiz";
import { Rng, crossEntropy, linear, randn, slice } from "@qkv/core";

export default defineExercises([
  {
    id: "token-weighted-loss",
    kind: "numeric",
    tolerance: { abs: 1e-4 },
    generate(rng) {
      // Two micro-batches of a linear classifier; some targets are padding (-100)
      const X = randn([8, 4], new Rng(rng.int(1e6))), W = randn([4, 3], new Rng(rng.int(1e6)));
      const targets = Array.from({ length: 8 }, (_, i) => (i >= 4 && i < 4 + 1 + rng.int(3) ? -100 : rng.int(3)));
      const loss = (a: number, b: number) => crossEntropy(linear(slice(X, 0, a, b), W), targets.slice(a, b));
      const l1 = loss(0, 4), l2 = loss(4, 8), full = loss(0, 8).mean;
      const n1 = targets.slice(0, 4).filter((t) => t !== -100).length, n2 = targets.slice(4).filter((t) => t !== -100).length;
      return {
        prompt:
          `Gradient accumulation over two micro-batches. Micro-batch 1 has ${n1} counted tokens with mean loss ${l1.mean.toFixed(6)}; ` +
          `micro-batch 2 has ${n2} counted tokens (the rest is padding) with mean loss ${l2.mean.toFixed(6)}. What loss (and so which gradient scale) ` +
          `does the equivalent single batch have? (4 decimals)`,
        expected: full,
        mistakes: [{ name: "average the two micro-batch means", value: (l1.mean + l2.mean) / 2 }].filter((m) => Math.abs(m.value - full) > 1e-4),
        explanation: `Weight each mean by its token count: $(${n1}\\cdot ${l1.mean.toFixed(4)} + ${n2}\\cdot ${l2.mean.toFixed(4)})/${n1 + n2} = ${full.toFixed(4)}$ — the same as \`crossEntropy\` on all 8 rows.`,
      };
    },
  },
  {
    id: "which-bug",
    kind: "multiple-choice",
    prompt: "After switching from batch 32 to 4 accumulated micro-batches of 8, SGD training diverges at the same learning rate. Loss values printed per micro-batch look normal. What is the most likely bug?",
    choices: [
      { text: "Each micro-batch loss was not divided by 4 before backward, so the accumulated gradient is 4× too large", correct: true, explanation: "Gradients add up in place; without the 1/k the step is k times larger." },
      { text: "Gradient accumulation changes the optimum, so the learning rate must be retuned", correct: false, explanation: "With correct normalisation the gradient is identical to the big batch's." },
      { text: "LayerNorm statistics differ between micro-batches", correct: false, explanation: "LayerNorm normalises each token on its own; it does not depend on the batch." },
    ],
  },
]);
