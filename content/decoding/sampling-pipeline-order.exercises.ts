import { defineExercises } from "@qkv/quiz";
import { applyTemperature, processLogits, softmax, tensor, topPFilter, type Rng } from "@qkv/core";

const distinctLogits = (rng: Rng, n: number): number[] => {
  const out: number[] = [];
  while (out.length < n) {
    const v = Math.round((rng.uniform() * 6 - 3) * 10) / 10;
    if (!out.includes(v)) out.push(v);
  }
  return out;
};

const ORDER_Z = [3.0, 2.5, 2.0, 1.0, 0.0];
const ORDER_T = 3;
const ORDER_P = 0.8;
const fmt4 = (xs: ArrayLike<number>) => Array.from(xs, (v) => v.toFixed(4)).join(", ");
const countKept = (probs: ArrayLike<number>) => Array.from(probs).filter((v) => v > 0).length;
/** The wrong order: top-p on the untempered logits, then temperature on the survivors. */
const topPThenTemperature = () => softmax(applyTemperature(topPFilter(tensor([ORDER_Z]), ORDER_P), ORDER_T)).data;
const hfOrder = () => processLogits(tensor([ORDER_Z]), { temperature: ORDER_T, topP: ORDER_P }).probs.data;

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
  {
    id: "which-order-produced-this",
    kind: "multiple-choice",
    prompt:
      `Logits $[${ORDER_Z.join(", ")}]$, temperature $T = ${ORDER_T}$, top-$p = ${ORDER_P}$. An inference server returns the sampling distribution ` +
      `$[${fmt4(topPThenTemperature())}]$. What did it do?`,
    choices: [
      {
        text: "It applied top-$p$ to the untempered probabilities and the temperature afterwards.",
        correct: true,
        explanation:
          `Top-$p$ on $T = 1$ keeps ${countKept(topPThenTemperature())} tokens; dividing their logits by ${ORDER_T} then flattens them to the printout. ` +
          `Hugging Face's order (temperature first) keeps ${countKept(hfOrder())}: $[${fmt4(hfOrder())}]$, because the high temperature spreads the mass.`,
      },
      {
        text: "It followed the usual order: temperature, then top-$p$.",
        correct: false,
        explanation: `That keeps ${countKept(hfOrder())} tokens: $[${fmt4(hfOrder())}]$.`,
      },
      {
        text: "It ignored the temperature.",
        correct: false,
        explanation: `Without temperature the kept tokens keep their $T = 1$ proportions: $[${fmt4(processLogits(tensor([ORDER_Z]), { topP: ORDER_P }).probs.data)}]$, sharper than the printout.`,
      },
      {
        text: "It forgot to renormalise after filtering.",
        correct: false,
        explanation: "The printed probabilities sum to 1, and unrenormalised kept probabilities would not.",
      },
    ],
  },
]);
