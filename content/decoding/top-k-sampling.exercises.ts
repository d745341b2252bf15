import { defineExercises } from "@qkv/quiz";
import { softmax, topKFilter, tensor, type Rng } from "@qkv/core";

// Distinct logits (no ties), so "the k largest" is unambiguous.
const distinctLogits = (rng: Rng, n: number): number[] => {
  const out: number[] = [];
  while (out.length < n) {
    const v = Math.round((rng.uniform() * 8 - 4) * 10) / 10;
    if (!out.includes(v)) out.push(v);
  }
  return out;
};

export default defineExercises([
  {
    id: "probability-after-top-k",
    kind: "numeric",
    tolerance: { abs: 1e-3 },
    generate(rng) {
      const z = distinctLogits(rng, 5);
      const k = 2 + rng.int(2);
      const probs = softmax(topKFilter(tensor([z]), k)).data;
      const best = z.indexOf(Math.max(...z));
      return {
        prompt: `Logits $z = [${z.join(", ")}]$. After top-$k$ filtering with $k = ${k}$ and renormalisation, what is the probability of the most likely token?`,
        expected: probs[best],
        mistakes: [
          { name: "forget to renormalise (softmax over all logits)", value: softmax(tensor([z])).data[best] },
        ],
        explanation: `Keep the ${k} largest logits, set the rest to $-\\infty$, and take the softmax over the survivors only.`,
      };
    },
  },
  {
    id: "implement-top-k-probs",
    kind: "code",
    prompt:
      "Implement `topKProbs(logits: number[], k: number): number[]`: the sampling distribution after top-$k$ filtering " +
      "(removed tokens get probability 0, the kept ones are renormalised). The test logits have no ties.",
    functionName: "topKProbs",
    starter: `export function topKProbs(logits: number[], k: number): number[] {
  throw new Error("TODO");
}
`,
    solution: `export function topKProbs(logits: number[], k: number): number[] {
  const sorted = [...logits].sort((a, b) => b - a);
  const threshold = sorted[Math.min(k, logits.length) - 1];
  const m = sorted[0];
  const e = logits.map((z) => (z >= threshold ? Math.exp(z - m) : 0));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}
`,
    tests(rng) {
      const cases: unknown[][] = [];
      for (let t = 0; t < 8; t++) {
        const n = 4 + rng.int(6);
        cases.push([distinctLogits(rng, n), 1 + rng.int(n - 1)]);
      }
      cases.push([distinctLogits(rng, 4), 10]);
      return cases.map((args) => ({ args }));
    },
    reference(z, k) {
      return Array.from(softmax(topKFilter(tensor([z as number[]]), k as number)).data);
    },
    tolerance: { abs: 1e-9 },
    wrongSolutions: [
      {
        label: "does not renormalise (returns the original probabilities of the kept tokens)",
        code: `export function topKProbs(logits: number[], k: number): number[] {
  const sorted = [...logits].sort((a, b) => b - a);
  const threshold = sorted[Math.min(k, logits.length) - 1];
  const m = sorted[0];
  const all = logits.map((z) => Math.exp(z - m));
  const s = all.reduce((a, b) => a + b, 0);
  return logits.map((z, i) => (z >= threshold ? all[i] / s : 0));
}
`,
      },
      {
        label: "keeps the k smallest logits (sorts the wrong way)",
        code: `export function topKProbs(logits: number[], k: number): number[] {
  const sorted = [...logits].sort((a, b) => a - b);
  const threshold = sorted[Math.min(k, logits.length) - 1];
  const kept = logits.map((z) => z <= threshold);
  const m = Math.max(...logits.filter((_, i) => kept[i]));
  const e = logits.map((z, i) => (kept[i] ? Math.exp(z - m) : 0));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}
`,
      },
      {
        label: "off by one: keeps k + 1 tokens",
        code: `export function topKProbs(logits: number[], k: number): number[] {
  const sorted = [...logits].sort((a, b) => b - a);
  const threshold = sorted[Math.min(k, logits.length - 1)];
  const m = sorted[0];
  const e = logits.map((z) => (z >= threshold ? Math.exp(z - m) : 0));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}
`,
      },
    ],
  },
  {
    id: "top-k-weakness",
    kind: "multiple-choice",
    prompt: "Why is a fixed $k$ in top-$k$ sampling considered a weakness?",
    choices: [
      {
        text: "Because it ignores the shape of the distribution: too many poor tokens when the model is confident, too few good ones when it is uncertain.",
        correct: true,
        explanation: "Nucleus (top-p) sampling fixes this by choosing the set size from the cumulative probability.",
      },
      {
        text: "Because top-$k$ changes the ranking of the tokens.",
        correct: false,
        explanation: "Top-$k$ only removes tokens; the survivors keep their relative order and probability ratios.",
      },
      {
        text: "Because it must be applied after the softmax, which is numerically unstable.",
        correct: false,
        explanation: "It is applied to logits (set to $-\\infty$) before a stable softmax.",
      },
      {
        text: "Because with $k = 1$ it samples uniformly at random.",
        correct: false,
        explanation: "$k = 1$ keeps only the arg-max token: it is greedy decoding.",
      },
    ],
  },
  {
    id: "top-k-ties-kept",
    kind: "numeric",
    tolerance: { abs: 0 },
    generate(rng) {
      // Build logits whose k-th largest value is tied with lower-ranked ones, then shuffle.
      const k = 2 + rng.int(2);
      const tied = 1 + rng.int(3); // tokens tied with the k-th largest beyond the k-th itself
      const top = distinctLogits(rng, k - 1).map((v) => v + 5); // clearly above the tie
      const tie = Math.round(rng.uniform() * 10) / 10;
      const low = distinctLogits(rng, 2).map((v) => v - 5); // clearly below
      const z = [...top, ...Array.from({ length: tied + 1 }, () => tie), ...low];
      for (let i = z.length - 1; i > 0; i--) {
        const j = rng.int(i + 1);
        [z[i], z[j]] = [z[j], z[i]];
      }
      const kept = Array.from(topKFilter(tensor([z]), k).data).filter(Number.isFinite).length;
      return {
        prompt:
          `Logits $[${z.join(", ")}]$. How many tokens can be sampled after Hugging Face-style top-$k$ filtering with $k = ${k}$ ` +
          `(every logit strictly below the $k$-th largest is removed)?`,
        expected: kept,
        mistakes: [{ name: "keep exactly k tokens, breaking the tie by position", value: k }],
        explanation:
          `The $k$-th largest logit ($k = ${k}$) is ${tie}, and ${tied + 1} tokens share that value. None of them is strictly below the threshold, so all are kept: ` +
          `${k - 1} above the tie plus ${tied + 1} tied = ${kept} tokens, more than $k$.`,
      };
    },
  },
]);
