import { defineExercises } from "@qkv/quiz";

export default defineExercises([
  {
    id: "dynamic-scale",
    kind: "numeric",
    tolerance: { abs: 0 },
    generate(rng) {
      const start = 2 ** (14 + rng.int(4));
      const overflows = 1 + rng.int(3);
      const clean = [0, 2000, 4000][rng.int(3)];
      const interval = 2000;
      const end = (start / 2 ** overflows) * 2 ** Math.floor(clean / interval);
      return {
        prompt:
          `Dynamic loss scaling starts at $S = ${start}$, halves on an overflow (skipping that step) and doubles after every ${interval} consecutive clean steps. ` +
          `Training hits ${overflows} overflow step(s) in a row, then runs ${clean} clean steps. What is $S$ now?`,
        expected: end,
        mistakes: [
          { name: "forget that the scale grows back after clean steps", value: start / 2 ** overflows },
          { name: "ignore the halving on overflow", value: start * 2 ** Math.floor(clean / interval) },
        ].filter((m) => m.value !== end),
        explanation: `${overflows} halvings give ${start / 2 ** overflows}; ${Math.floor(clean / interval)} doubling(s) after ${clean} clean steps give ${end}.`,
      };
    },
  },
  {
    id: "which-format",
    kind: "multiple-choice",
    prompt: "In FP8 training, why are gradients usually stored in E5M2 and activations in E4M3?",
    choices: [
      { text: "Gradients span a wider dynamic range (needs the 5-bit exponent); forward tensors benefit more from the extra mantissa bit", correct: true, explanation: "Range vs precision, as with bf16 vs fp16." },
      { text: "E5M2 is more precise, and gradients need precision", correct: false, explanation: "E5M2 has fewer mantissa bits (2 vs 3)." },
      { text: "Hardware only multiplies E4M3 by E4M3", correct: false, explanation: "FP8 tensor cores accept mixed E4M3/E5M2 operands." },
    ],
  },
  {
    id: "why-unscale",
    kind: "multiple-choice",
    prompt: "With loss scaling $S$, what goes wrong if you forget to divide the gradients by $S$ before the optimizer step (plain SGD)?",
    choices: [
      { text: "Every update is $S$ times too large: the effective learning rate is multiplied by $S$", correct: true, explanation: "SGD's update is linear in the gradient." },
      { text: "Nothing: the scale cancels in the softmax", correct: false, explanation: "The gradient, not the loss's softmax, carries the factor." },
      { text: "Only the direction changes, not the size", correct: false, explanation: "Scaling by a positive constant keeps the direction and changes the size. (Adam is nearly scale-invariant, which hides the bug until ε or clipping matters.)" },
    ],
  },
]);
