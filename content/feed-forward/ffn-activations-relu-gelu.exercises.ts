import { defineExercises } from "@qkv/quiz";
import { gelu, geluTanh, silu, tensor } from "@qkv/core";

export default defineExercises([
  {
    id: "activation-value",
    kind: "numeric",
    tolerance: { abs: 1e-4 },
    generate(rng) {
      const x = Math.round((rng.uniform() * 6 - 3) * 10) / 10;
      const which = rng.int(3);
      const name = ["GELU (exact, $x\\Phi(x)$)", "GELU (tanh approximation)", "SiLU ($x\\sigma(x)$)"][which];
      const f = [gelu, geluTanh, silu][which];
      return {
        prompt: `Evaluate ${name} at $x = ${x}$.`,
        expected: f(tensor([x])).data[0],
        explanation:
          which === 0
            ? "$\\tfrac{x}{2}(1 + \\mathrm{erf}(x/\\sqrt2))$."
            : which === 1
              ? "$\\tfrac{x}{2}\\big(1+\\tanh\\big(\\sqrt{2/\\pi}(x + 0.044715x^3)\\big)\\big)$."
              : "$x/(1 + e^{-x})$.",
      };
    },
  },
  {
    id: "gelu-mismatch",
    kind: "multiple-choice",
    prompt: "You load GPT-2 weights into an implementation that uses exact (erf) GELU. What happens?",
    choices: [
      {
        text: "It runs, but every layer's activations differ slightly (up to ~$5\\times10^{-4}$ per unit), so logits no longer match the reference.",
        correct: true,
        explanation: "GPT-2 was trained with the tanh approximation; the functions are close but not equal.",
      },
      {
        text: "It crashes because the weight shapes differ.",
        correct: false,
        explanation: "The activation has no parameters; shapes are identical.",
      },
      {
        text: "Nothing: exact and tanh GELU are the same function.",
        correct: false,
        explanation: "The tanh form is an approximation with a small but non-zero error.",
      },
      {
        text: "The model becomes a ReLU network.",
        correct: false,
        explanation: "Exact GELU is still smooth and slightly negative for negative inputs.",
      },
    ],
  },
]);
