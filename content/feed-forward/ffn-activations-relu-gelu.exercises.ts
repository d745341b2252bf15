import { defineExercises } from "@qkv/quiz";
import { gelu, geluTanh, silu, tensor, relu } from "@qkv/core";

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
  {
    id: "which-activation",
    kind: "numeric",
    tolerance: { abs: 0 },
    generate(rng) {
      // Identify an activation from a few input/output pairs: sign behaviour for negative inputs and the value at x = 1 decide.
      const xs = [-3, -1, -0.5, 0.5, 1, 2].map((x) => x + Math.round((rng.uniform() * 0.2 - 0.1) * 100) / 100);
      const options = [
        { label: "ReLU", f: relu },
        { label: "GELU ($x\\Phi(x)$)", f: gelu },
        { label: "SiLU ($x\\sigma(x)$)", f: silu },
      ];
      const k = rng.int(options.length);
      const ys = Array.from(options[k].f(tensor(xs)).data);
      return {
        prompt:
          `A feed-forward block's activation maps $x = [${xs.join(", ")}]$ to $[${ys.map((v) => v.toFixed(4)).join(", ")}]$. Which activation is it? ` +
          `${options.map((o, i) => `**${i + 1}**: ${o.label}`).join("; ")}. (Answer 1–3.)`,
        expected: k + 1,
        mistakes: options
          .map((_, i) => i)
          .filter((i) => i !== k)
          .map((i) => ({
            name: `confuse it with ${options[i].label.replace(/ \(.*\)$/, "")}, which would give $[${Array.from(options[i].f(tensor(xs)).data, (v) => v.toFixed(3)).join(", ")}]$`,
            value: i + 1,
          })),
        explanation:
          `ReLU is exactly 0 for every negative input. GELU and SiLU dip slightly below 0 there, but GELU weights $x$ by the normal CDF $\\Phi(x)$, ` +
          `which approaches 1 faster than the sigmoid: near $x = 1$ GELU gives about $0.84x$ and SiLU about $0.73x$; at $x = -3$ GELU is almost 0 ` +
          `($\\approx -0.004$) while SiLU is still about $-0.14$. This one is ${options[k].label}.`,
      };
    },
  },
]);
