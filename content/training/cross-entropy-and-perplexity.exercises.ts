import { defineExercises } from "@qkv/quiz";
import { crossEntropy, perplexity, tensor, type Rng } from "@qkv/core";

const logitsRow = (rng: Rng, n: number): number[] => Array.from({ length: n }, () => Math.round((rng.uniform() * 6 - 3) * 10) / 10);

export default defineExercises([
  {
    id: "perplexity-from-loss",
    kind: "numeric",
    tolerance: { rel: 1e-3 },
    generate(rng) {
      const loss = Math.round((1 + rng.uniform() * 3) * 100) / 100;
      return {
        prompt: `A language model's mean cross-entropy on a test set is $${loss}$ nats per token. What is its perplexity?`,
        expected: perplexity(loss),
        mistakes: [
          { name: "use 2^L (bits) instead of e^L for a loss in nats", value: Math.pow(2, loss) },
        ],
        explanation: `Perplexity is $e^{\\mathcal{L}} = e^{${loss}}$.`,
      };
    },
  },
  {
    id: "loss-from-perplexity-bits",
    kind: "numeric",
    tolerance: { rel: 1e-3 },
    generate(rng) {
      const ppl = [4, 8, 16, 20, 32, 50][rng.int(6)];
      return {
        prompt: `A model has perplexity ${ppl}. What is its mean loss in **bits** per token?`,
        expected: Math.log(ppl) / Math.LN2,
        mistakes: [
          { name: "give the loss in nats (ln instead of log\u2082)", value: Math.log(ppl) },
        ],
        explanation: `$\\mathcal{L} = \\ln ${ppl}$ nats $= \\log_2 ${ppl}$ bits: divide by $\\ln 2$.`,
      };
    },
  },
  {
    id: "mean-cross-entropy",
    kind: "numeric",
    tolerance: { abs: 1e-3 },
    generate(rng) {
      const logits = [logitsRow(rng, 4), logitsRow(rng, 4), logitsRow(rng, 4)];
      const targets = [rng.int(4), rng.int(4), rng.int(4)];
      const r = crossEntropy(tensor(logits), tensor(targets));
      return {
        prompt:
          `Three positions with logits $${JSON.stringify(logits)}$ (vocabulary of 4) and targets $[${targets.join(", ")}]$ (0-based). ` +
          `What is the mean cross-entropy in nats?`,
        expected: r.mean,
        mistakes: [
          { name: "sum the per-token losses instead of averaging", value: r.mean * 3 },
          { name: "use log\u2082 (bits) instead of the natural log", value: r.mean / Math.LN2 },
        ],
        explanation: `Per token $-\\log\\mathrm{softmax}(z)_{t} = \\log\\sum_v e^{z_v} - z_t$: $[${Array.from(r.perToken.data, (v) => v.toFixed(3)).join(", ")}]$; average them.`,
      };
    },
  },
  {
    id: "implement-cross-entropy",
    kind: "code",
    prompt:
      "Implement `meanCrossEntropy(logits: number[][], targets: number[], ignoreIndex: number): number`: the mean of " +
      "$-\\log \\mathrm{softmax}(z_i)[t_i]$ over the positions whose target is not `ignoreIndex` (stable for large logits).",
    functionName: "meanCrossEntropy",
    starter: `export function meanCrossEntropy(logits: number[][], targets: number[], ignoreIndex: number): number {
  throw new Error("TODO");
}
`,
    solution: `export function meanCrossEntropy(logits: number[][], targets: number[], ignoreIndex: number): number {
  let total = 0;
  let count = 0;
  logits.forEach((row, i) => {
    const t = targets[i];
    if (t === ignoreIndex) return;
    const m = Math.max(...row);
    const lse = m + Math.log(row.reduce((s, z) => s + Math.exp(z - m), 0));
    total += lse - row[t];
    count++;
  });
  return total / count;
}
`,
    tests(rng) {
      const cases: unknown[][] = [];
      for (let k = 0; k < 6; k++) {
        const N = 2 + rng.int(5), V = 3 + rng.int(5);
        const logits = Array.from({ length: N }, () => logitsRow(rng, V));
        const targets = logits.map(() => rng.int(V));
        targets[rng.int(N)] = -100;
        cases.push([logits, targets, -100]);
      }
      cases.push([[[1000, 0, -1000], [5, 5, 5]], [0, 2], -100]);
      return cases.map((args) => ({ args }));
    },
    reference(logits, targets, ignoreIndex) {
      return crossEntropy(tensor(logits as number[][]), tensor(targets as number[]), { ignoreIndex: ignoreIndex as number }).mean;
    },
    tolerance: { abs: 1e-9 },
    wrongSolutions: [
      {
        label: "averages over all positions, ignored ones included",
        code: `export function meanCrossEntropy(logits: number[][], targets: number[], ignoreIndex: number): number {
  let total = 0;
  logits.forEach((row, i) => {
    const t = targets[i];
    if (t === ignoreIndex) return;
    const m = Math.max(...row);
    total += m + Math.log(row.reduce((s, z) => s + Math.exp(z - m), 0)) - row[t];
  });
  return total / logits.length;
}
`,
      },
      {
        label: "no max shift (overflows to Infinity/NaN for large logits)",
        code: `export function meanCrossEntropy(logits: number[][], targets: number[], ignoreIndex: number): number {
  let total = 0;
  let count = 0;
  logits.forEach((row, i) => {
    const t = targets[i];
    if (t === ignoreIndex) return;
    total += Math.log(row.reduce((s, z) => s + Math.exp(z), 0)) - row[t];
    count++;
  });
  return total / count;
}
`,
      },
      {
        label: "uses log2 (bits) instead of the natural log",
        code: `export function meanCrossEntropy(logits: number[][], targets: number[], ignoreIndex: number): number {
  let total = 0;
  let count = 0;
  logits.forEach((row, i) => {
    const t = targets[i];
    if (t === ignoreIndex) return;
    const m = Math.max(...row);
    total += (m + Math.log(row.reduce((s, z) => s + Math.exp(z - m), 0)) - row[t]) / Math.LN2;
    count++;
  });
  return total / count;
}
`,
      },
    ],
  },
  {
    id: "perplexity-uniform",
    kind: "multiple-choice",
    prompt: "A model outputs the uniform distribution over a vocabulary of 32,000 tokens at every step. What is its perplexity?",
    choices: [
      { text: "32,000", correct: true, explanation: "Loss $= \\ln 32000$, and $e^{\\ln 32000} = 32000$: perplexity is the effective number of equally likely choices." },
      { text: "$\\ln 32000 \\approx 10.37$", correct: false, explanation: "That is the cross-entropy loss in nats, not the perplexity." },
      { text: "1", correct: false, explanation: "Perplexity 1 means a perfect model that puts probability 1 on every correct token." },
      { text: "$1/32000$", correct: false, explanation: "That is the probability of each token; perplexity is its inverse (geometric mean of $1/p$)." },
    ],
  },

  {
    id: "corpus-perplexity",
    kind: "numeric",
    tolerance: { rel: 1e-4 },
    generate(rng) {
      const docs = Array.from({ length: 3 }, () => ({ tokens: [20, 150, 800, 3000][rng.int(4)], loss: Math.round((1.5 + rng.uniform() * 2.5) * 100) / 100 }));
      const total = docs.reduce((s, d) => s + d.tokens, 0);
      const pooled = perplexity(docs.reduce((s, d) => s + d.tokens * d.loss, 0) / total);
      const unweighted = perplexity(docs.reduce((s, d) => s + d.loss, 0) / docs.length);
      const meanOfPpl = docs.reduce((s, d) => s + perplexity(d.loss), 0) / docs.length;
      return {
        prompt:
          `A test set has three documents: ${docs.map((d, i) => `document ${i + 1} has ${d.tokens} tokens with mean loss ${d.loss} nats`).join("; ")}. ` +
          `What is the perplexity of the test set as a whole (every token counts once)?`,
        expected: pooled,
        mistakes: [
          { name: "average the three documents' losses without weighting by their token counts", value: unweighted },
          { name: "average the three documents' perplexities", value: meanOfPpl },
        ].filter((m) => Math.abs(m.value - pooled) > 1e-4 * pooled),
        explanation: `Pool the tokens: mean loss $= \\sum_i n_i L_i / \\sum_i n_i = ${(Math.log(pooled)).toFixed(4)}$ nats, perplexity $e^{${Math.log(pooled).toFixed(4)}} = ${pooled.toFixed(3)}$. Per-document averages over-weight short documents, and averaging perplexities is larger still (Jensen).`,
      };
    },
  },
]);
