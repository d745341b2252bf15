import { defineExercises } from "@qkv/quiz";

export default defineExercises([
  {
    id: "gradient-through-depth",
    kind: "numeric",
    tolerance: { rel: 1e-6 },
    generate(rng) {
      const a = [0.5, 0.8, 0.9][rng.int(3)];
      const L = [12, 24, 48][rng.int(3)];
      const skip = rng.uniform() < 0.5;
      return {
        prompt:
          `A scalar toy network has ${L} layers, each with derivative $a = ${a}$ on its branch. ` +
          (skip ? `Each layer is residual, $x \\mapsto x + a x$. ` : `There are no skips, $x \\mapsto a x$. `) +
          `By what factor is the gradient multiplied from the top to the bottom?`,
        expected: skip ? (1 + a) ** L : a ** L,
        mistakes: [
          { name: "mix up the cases (a^L with residual skips, (1+a)^L without)", value: skip ? a ** L : (1 + a) ** L },
        ],
        explanation: skip
          ? `Each residual layer has derivative $1 + a$, so the factor is $(1 + ${a})^{${L}}$: it never vanishes (here it grows, which is why scaled inits and norms matter).`
          : `Each layer multiplies by $a$: $${a}^{${L}}$, which vanishes geometrically with depth.`,
      };
    },
  },
  {
    id: "residual-benefits",
    kind: "multiple-choice",
    prompt: "Which statement about residual connections in Transformers is correct?",
    choices: [
      {
        text: "They give the gradient an identity path, $\\partial x_L / \\partial x_l = I + \\dots$, and make the identity map trivial to learn.",
        correct: true,
        explanation: "This is why deep stacks train; Pre-LN keeps that identity path free of normalisation.",
      },
      {
        text: "They let tokens exchange information.",
        correct: false,
        explanation: "Residuals are per position; information moves between tokens only in attention.",
      },
      {
        text: "They require the sub-layer output to have a different width from its input.",
        correct: false,
        explanation: "The addition needs identical shapes, which is why $W_O$ and the FFN down-projection map back to $d_{\\text{model}}$.",
      },
      {
        text: "Dropout is applied to the skip path to regularise it.",
        correct: false,
        explanation: "Dropout is applied to the sub-layer output before the addition, never to the skip path.",
      },
    ],
  },
]);
