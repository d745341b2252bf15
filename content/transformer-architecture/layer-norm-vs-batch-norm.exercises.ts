import { defineExercises } from "@qkv/quiz";
import { layerNorm, layerNormStats, mean, tensor, transpose, type Rng, type Tensor } from "@qkv/core";

const batch = (rng: Rng, n: number, d: number, spread: number, offset: number): number[][] =>
  Array.from({ length: n }, () => Array.from({ length: d }, () => offset + (rng.uniform() * 2 - 1) * spread));


// "Which bug": one batch of 3 tokens with d = 4, normalised correctly and along the wrong axis (across tokens).
const bugBatch = tensor([[1, 2, 3, 10], [4, 0, -2, 6], [2, 2, 5, 1]]);
const acrossTokens = transpose(layerNorm(transpose(bugBatch)));
const texRows = (t: Tensor) => "\\begin{bmatrix}" + (t.toArray() as number[][]).map((r) => r.map((v) => v.toFixed(3)).join(" & ")).join(" \\\\ ") + "\\end{bmatrix}";
const means = (t: Tensor, axis: number) => Array.from(mean(t, axis).data, (v) => (Math.abs(v) < 5e-4 ? 0 : v).toFixed(3)).join(", ");

export default defineExercises([
  {
    id: "implement-layer-norm",
    kind: "code",
    prompt:
      "Implement `layerNorm(x: number[][], gamma: number[], beta: number[]): number[][]`. Each row of $x$ is one token " +
      "$(d$ features); normalise every row with its own mean and biased variance, $\\varepsilon = 10^{-5}$ inside the " +
      "square root, then apply $\\gamma$ and $\\beta$ per feature.",
    functionName: "layerNorm",
    starter: `export function layerNorm(x: number[][], gamma: number[], beta: number[]): number[][] {
  throw new Error("TODO");
}
`,
    solution: `export function layerNorm(x: number[][], gamma: number[], beta: number[]): number[][] {
  return x.map((row) => {
    const d = row.length;
    const mu = row.reduce((s, v) => s + v, 0) / d;
    const variance = row.reduce((s, v) => s + (v - mu) ** 2, 0) / d;
    const r = 1 / Math.sqrt(variance + 1e-5);
    return row.map((v, i) => (v - mu) * r * gamma[i] + beta[i]);
  });
}
`,
    tests(rng) {
      const cases = [];
      for (let k = 0; k < 8; k++) {
        const n = 2 + rng.int(4), d = 2 + rng.int(7);
        const spread = k < 3 ? 0.01 : 3; // tiny variance makes eps matter
        const x = batch(rng, n, d, spread, (rng.uniform() - 0.5) * 10);
        const gamma = Array.from({ length: d }, () => 0.5 + rng.uniform());
        const beta = Array.from({ length: d }, () => rng.uniform() - 0.5);
        cases.push({ args: [x, gamma, beta] });
      }
      return cases;
    },
    reference(x, gamma, beta) {
      return layerNorm(tensor(x as number[][]), { gamma: gamma as number[], beta: beta as number[], eps: 1e-5 }).toArray();
    },
    tolerance: { abs: 1e-9 },
    wrongSolutions: [
      {
        label: "normalises each feature over the batch (batch norm) instead of each token over its features",
        code: `export function layerNorm(x: number[][], gamma: number[], beta: number[]): number[][] {
  const n = x.length, d = x[0].length;
  const out = x.map((r) => r.slice());
  for (let j = 0; j < d; j++) {
    const mu = x.reduce((s, r) => s + r[j], 0) / n;
    const variance = x.reduce((s, r) => s + (r[j] - mu) ** 2, 0) / n;
    for (let i = 0; i < n; i++) out[i][j] = ((x[i][j] - mu) / Math.sqrt(variance + 1e-5)) * gamma[j] + beta[j];
  }
  return out;
}
`,
      },
      {
        label: "unbiased variance (divides by d - 1)",
        code: `export function layerNorm(x: number[][], gamma: number[], beta: number[]): number[][] {
  return x.map((row) => {
    const d = row.length;
    const mu = row.reduce((s, v) => s + v, 0) / d;
    const variance = row.reduce((s, v) => s + (v - mu) ** 2, 0) / (d - 1);
    return row.map((v, i) => ((v - mu) / Math.sqrt(variance + 1e-5)) * gamma[i] + beta[i]);
  });
}
`,
      },
      {
        label: "eps added to the standard deviation instead of the variance",
        code: `export function layerNorm(x: number[][], gamma: number[], beta: number[]): number[][] {
  return x.map((row) => {
    const d = row.length;
    const mu = row.reduce((s, v) => s + v, 0) / d;
    const variance = row.reduce((s, v) => s + (v - mu) ** 2, 0) / d;
    return row.map((v, i) => ((v - mu) / (Math.sqrt(variance) + 1e-5)) * gamma[i] + beta[i]);
  });
}
`,
      },
    ],
  },
  {
    id: "normalised-value",
    kind: "numeric",
    tolerance: { abs: 5e-4 },
    generate(rng) {
      const x = Array.from({ length: 4 }, () => rng.int(11) - 5);
      if (x.every((v) => v === x[0])) x[0] += 1;
      const j = rng.int(4);
      const y = layerNorm(tensor([x])).data[j];
      const { mean, variance } = layerNormStats(tensor([x]));
      return {
        prompt: `LayerNorm (no affine, $\\varepsilon = 10^{-5}$) of the token vector $[${x.join(", ")}]$: what is output feature ${j} (zero-based)? (4 decimals)`,
        expected: y,
        mistakes: [
          { name: "use the unbiased variance (divide by n \u2212 1)", value: (x[j] - mean.data[0]) / Math.sqrt((variance.data[0] * 4) / 3 + 1e-5) },
          { name: "forget to subtract the mean", value: x[j] / Math.sqrt(variance.data[0] + 1e-5) },
        ],
        explanation: `Mean ${mean.data[0].toFixed(4)}, biased variance ${variance.data[0].toFixed(4)}; $(${x[j]} - \\mu)/\\sqrt{\\sigma^2 + \\varepsilon} = ${y.toFixed(4)}$.`,
      };
    },
  },
  {
    id: "why-not-batchnorm",
    kind: "multiple-choice",
    prompt: "Which is **not** a reason Transformers use LayerNorm rather than BatchNorm?",
    choices: [
      { text: "LayerNorm has no learnable parameters, which saves memory", correct: true, explanation: "This is false: LayerNorm has a learned gain $\\gamma$ and bias $\\beta$ per feature, just like BatchNorm." },
      { text: "Its statistics do not depend on other examples in the batch", correct: false, explanation: "This is a real reason: per-token statistics make results independent of batch size and composition." },
      { text: "It behaves identically in training and inference (no running averages)", correct: false, explanation: "This is a real reason: there are no running statistics to keep consistent." },
      { text: "Padding and variable lengths do not contaminate its statistics", correct: false, explanation: "This is a real reason: each token uses only its own features." },
    ],
  },

  {
    id: "which-norm-bug",
    kind: "multiple-choice",
    prompt:
      `Your LayerNorm ($\\gamma = 1, \\beta = 0$) maps the 3 tokens (rows) $${texRows(bugBatch)}$ to $${texRows(acrossTokens)}$. ` +
      `The row means of the output are ${means(acrossTokens, 1)}; the column means are ${means(acrossTokens, 0)}. Which bug is it?`,
    choices: [
      {
        text: "It normalises each feature across the tokens of the batch (BatchNorm's axis) instead of each token across its features.",
        correct: true,
        explanation: `Zero mean per *column* is the signature of statistics pooled over tokens. A correct LayerNorm gives $${texRows(layerNorm(bugBatch))}$, whose rows have means ${means(layerNorm(bugBatch), 1)}.`,
      },
      {
        text: "It uses the unbiased variance (divides by $d-1$).",
        correct: false,
        explanation: "That only rescales each row by $\\sqrt{(d-1)/d}$: rows would still have mean 0.",
      },
      {
        text: "It forgets $\\varepsilon$.",
        correct: false,
        explanation: "$\\varepsilon = 10^{-5}$ changes these values only in the sixth decimal; rows would still have mean 0.",
      },
      {
        text: "Nothing: LayerNorm output has zero mean per feature.",
        correct: false,
        explanation: "LayerNorm gives each *token* (row) zero mean and unit variance over its features.",
      },
    ],
  },
]);
