import { defineExercises } from "@qkv/quiz";

export default defineExercises([
  {
    id: "lora-parameters",
    kind: "numeric",
    tolerance: { abs: 0 },
    generate(rng) {
      const d = [2048, 4096, 5120][rng.int(3)];
      const r = [4, 8, 16, 64][rng.int(4)];
      const L = [24, 32, 40][rng.int(3)];
      const m = 1 + rng.int(4);
      return {
        prompt: `LoRA with rank $r = ${r}$ is applied to ${m} square $${d} \\times ${d}$ projection(s) in each of ${L} layers. How many trainable parameters does it add?`,
        expected: L * m * r * (d + d),
        mistakes: [
          { name: "count only one of the two factors (r\u00b7d)", value: L * m * r * d },
          { name: "count a full d\u00d7d update per matrix", value: L * m * d * d },
        ],
        explanation: `Each adapted matrix gets $B$ ($d \\times r$) and $A$ ($r \\times d$): $r(d + d) = ${r * 2 * d}$; times ${m} matrices and ${L} layers.`,
      };
    },
  },
  {
    id: "lora-init",
    kind: "multiple-choice",
    prompt: "In LoRA, $W = W_0 + \\frac{\\alpha}{r}BA$. Why is $B$ initialised to zero?",
    choices: [
      {
        text: "So that $BA = 0$ at the start and fine-tuning begins exactly from the pre-trained model.",
        correct: true,
        explanation: "With $A$ random and $B = 0$ the update is zero initially, yet both factors receive gradients.",
      },
      {
        text: "So that the adapter has no effect at inference time.",
        correct: false,
        explanation: "After training $B \\ne 0$ and the adapter changes the outputs; that is its purpose.",
      },
      {
        text: "Because $A$ and $B$ must both be zero for the gradient to be defined.",
        correct: false,
        explanation: "If both were zero, neither would get a gradient (each gradient is multiplied by the other factor).",
      },
      {
        text: "To make the update full-rank.",
        correct: false,
        explanation: "The rank of $BA$ is at most $r$ whatever the initialisation.",
      },
    ],
  },
  {
    id: "qlora-recall",
    kind: "recall",
    prompt: "What does QLoRA change compared with LoRA, and what does it enable?",
    answer:
      "The frozen base model is stored in 4-bit (NF4) quantisation while the LoRA adapters are trained in higher precision " +
      "(gradients flow through the dequantised weights). It cuts memory enough to fine-tune 7B–70B models on a single GPU.",
  },
]);
