import { defineExercises } from "@qkv/quiz";
import { processLogits, softmax, tensor, type Rng } from "@qkv/core";

const distinctLogits = (rng: Rng, n: number): number[] => {
  const out: number[] = [];
  while (out.length < n) {
    const v = Math.round((rng.uniform() * 6 - 3) * 10) / 10;
    if (!out.includes(v)) out.push(v);
  }
  return out;
};

export default defineExercises([
  {
    id: "temperature-then-top-p-size",
    kind: "numeric",
    tolerance: { abs: 0 },
    generate(rng) {
      const p = [0.8, 0.9][rng.int(2)];
      const T = [0.5, 2][rng.int(2)];
      // Redraw until no cumulative sum is within 0.005 of p, so the rounded probabilities shown decide the answer.
      const close = (zs: number[]) => {
        const sorted = Array.from(softmax(tensor([zs]), { temperature: T }).data).sort((a, b) => b - a);
        let c = 0;
        return sorted.some((v) => Math.abs((c += v) - p) < 0.005);
      };
      let z = distinctLogits(rng, 6);
      while (close(z)) z = distinctLogits(rng, 6);
      const kept = Array.from(processLogits(tensor([z]), { temperature: T, topP: p }).keptMask.data).reduce((a, b) => a + b, 0);
      return {
        prompt: `Logits $[${z.join(", ")}]$. The pipeline applies temperature $T = ${T}$ and then top-$p$ with $p = ${p}$. How many tokens remain?`,
        expected: kept,
        mistakes: [
          { name: "apply top-p before the temperature (on the untempered probabilities)", value: Array.from(processLogits(tensor([z]), { topP: p }).keptMask.data).reduce((a, b) => a + b, 0) },
        ],
        explanation:
          `Temperature first: probabilities $[${Array.from(softmax(tensor([z]), { temperature: T }).data, (v) => v.toFixed(3)).join(", ")}]$; then keep the smallest set of most likely tokens with mass $\\ge ${p}$.`,
      };
    },
  },
  {
    id: "what-commutes",
    kind: "multiple-choice",
    prompt: "Which pair of operations can be swapped without changing the kept set of tokens?",
    choices: [
      {
        text: "Temperature and top-$k$",
        correct: true,
        explanation: "Dividing by $T > 0$ preserves the ranking, so the same $k$ tokens survive.",
      },
      {
        text: "Temperature and top-$p$",
        correct: false,
        explanation: "Top-$p$ thresholds probabilities, and temperature changes them: low $T$ keeps fewer tokens, high $T$ more.",
      },
      {
        text: "Top-$k$ and top-$p$, always",
        correct: false,
        explanation: "Top-$p$ after top-$k$ measures mass on the renormalised survivors, which can give a different set than the reverse order.",
      },
      {
        text: "Repetition penalty and top-$k$",
        correct: false,
        explanation: "Penalties change logits of specific tokens and can change which tokens are in the top $k$.",
      },
    ],
  },
]);
