import { defineExercises } from "@qkv/quiz";
import { layerNorm, layerNormStats, tensor, type Rng, transpose } from "@qkv/core";

const vec = (rng: Rng, n: number, scale: number, shift = 0): number[] =>
  Array.from({ length: n }, () => Math.round(((rng.uniform() * 2 - 1) * scale + shift) * 100) / 100);

export default defineExercises([
  {
    id: "layernorm-of-vector",
    kind: "numeric",
    tolerance: { abs: 1e-3 },
    generate(rng) {
      const x = vec(rng, 4, 3, 1);
      if (x.every((v) => v === x[0])) x[0] += 1; // keep the variance away from 0
      const y = Array.from(layerNorm(tensor([x]), { gamma: [1, 1, 1, 1], beta: [0, 0, 0, 0], eps: 1e-5 }).data);
      const { mean, variance } = layerNormStats(tensor([x]), 1e-5);
      return {
        prompt: `Compute $\\mathrm{LN}(x)$ for $x = [${x.join(", ")}]$ with $\\gamma = 1$, $\\beta = 0$, $\\epsilon = 10^{-5}$ (answer as a vector).`,
        expected: y,
        mistakes: [
          { name: "use the unbiased variance (divide by n \u2212 1)", value: x.map((v) => (v - mean.data[0]) / Math.sqrt((variance.data[0] * 4) / 3 + 1e-5)) },
          { name: "forget to subtract the mean (RMSNorm)", value: x.map((v) => v / Math.sqrt(x.reduce((s, u) => s + u * u, 0) / 4 + 1e-5)) },
          { name: "divide by the variance instead of the standard deviation", value: x.map((v) => (v - mean.data[0]) / (variance.data[0] + 1e-5)) },
        ],
        explanation:
          `Mean $\\mu = ${mean.data[0].toFixed(4)}$, biased variance $\\sigma^2 = \\frac{1}{4}\\sum (x_i-\\mu)^2 = ${variance.data[0].toFixed(4)}$; ` +
          `each output is $(x_i - \\mu)/\\sqrt{\\sigma^2 + \\epsilon}$.`,
      };
    },
  },
  {
    id: "layernorm-with-gain-and-bias",
    kind: "numeric",
    tolerance: { abs: 1e-3 },
    generate(rng) {
      const x = vec(rng, 3, 4);
      if (x.every((v) => v === x[0])) x[1] += 2;
      const gamma = vec(rng, 3, 2, 1);
      const beta = vec(rng, 3, 1);
      const i = rng.int(3);
      const y = layerNorm(tensor([x]), { gamma, beta, eps: 1e-5 }).data[i];
      return {
        prompt:
          `With $x = [${x.join(", ")}]$, $\\gamma = [${gamma.join(", ")}]$, $\\beta = [${beta.join(", ")}]$ and $\\epsilon = 10^{-5}$, ` +
          `what is component ${i + 1} of $\\mathrm{LN}(x)$?`,
        expected: y,
        mistakes: [
          { name: "forget the gain and bias (return x\u0302)", value: layerNorm(tensor([x]), { gamma: [1, 1, 1], beta: [0, 0, 0], eps: 1e-5 }).data[i] },
          { name: "use the unbiased variance (divide by n \u2212 1)", value: gamma[i] * (x[i] - x.reduce((a, b) => a + b, 0) / 3) / Math.sqrt(x.reduce((s, v) => s + (v - x.reduce((a, b) => a + b, 0) / 3) ** 2, 0) / 2 + 1e-5) + beta[i] },
        ],
        explanation: `Normalise with the mean and biased variance of $x$, then apply the per-feature gain and bias: $\\gamma_${i + 1}\\hat{x}_${i + 1} + \\beta_${i + 1}$.`,
      };
    },
  },
  {
    id: "implement-layernorm",
    kind: "code",
    prompt:
      "Implement `layerNorm(x: number[], gamma: number[], beta: number[], eps: number): number[]` exactly as " +
      "`nn.LayerNorm` does for one token vector: biased variance, $\\epsilon$ inside the square root.",
    functionName: "layerNorm",
    starter: `// Optional helpers: define them and a failing solution is told the first step that goes wrong.
export function mean(x: number[]): number {
  throw new Error("TODO");
}

export function variance(x: number[]): number {
  // biased: divide by n
  throw new Error("TODO");
}

export function layerNorm(x: number[], gamma: number[], beta: number[], eps: number): number[] {
  throw new Error("TODO");
}
`,
    solution: `export function mean(x: number[]): number {
  return x.reduce((s, v) => s + v, 0) / x.length;
}

export function variance(x: number[]): number {
  const m = mean(x);
  return x.reduce((s, v) => s + (v - m) ** 2, 0) / x.length;
}

export function layerNorm(x: number[], gamma: number[], beta: number[], eps: number): number[] {
  const m = mean(x);
  const inv = 1 / Math.sqrt(variance(x) + eps);
  return x.map((v, i) => gamma[i] * (v - m) * inv + beta[i]);
}
`,
    tests(rng) {
      const cases: unknown[][] = [];
      for (let k = 0; k < 6; k++) {
        const n = 2 + rng.int(7);
        const x = Array.from({ length: n }, () => rng.normal() * 2 + 1);
        const gamma = Array.from({ length: n }, () => 1 + rng.normal() * 0.5);
        const beta = Array.from({ length: n }, () => rng.normal() * 0.5);
        cases.push([x, gamma, beta, k < 3 ? 1e-5 : 0.5]);
      }
      cases.push([[2, 2, 2], [1, 2, 3], [0.5, 0, -0.5], 1e-5]);
      return cases.map((args) => ({ args }));
    },
    reference(x, gamma, beta, eps) {
      return Array.from(layerNorm(tensor([x as number[]]), { gamma: gamma as number[], beta: beta as number[], eps: eps as number }).data);
    },
    tolerance: { abs: 1e-9 },
    steps: [
      {
        name: "the mean",
        functionName: "mean",
        args: (x) => [x],
        reference: (x) => layerNormStats(tensor([x as number[]]), 0).mean.data[0],
      },
      {
        name: "the biased variance",
        functionName: "variance",
        args: (x) => [x],
        reference: (x) => layerNormStats(tensor([x as number[]]), 0).variance.data[0],
      },
    ],
    wrongSolutions: [
      {
        label: "unbiased variance (divides by n - 1)",
        code: `export function mean(x: number[]): number {
  return x.reduce((s, v) => s + v, 0) / x.length;
}

export function variance(x: number[]): number {
  const m = mean(x);
  return x.reduce((s, v) => s + (v - m) ** 2, 0) / (x.length - 1);
}

export function layerNorm(x: number[], gamma: number[], beta: number[], eps: number): number[] {
  const m = mean(x);
  return x.map((v, i) => gamma[i] * (v - m) / Math.sqrt(variance(x) + eps) + beta[i]);
}
`,
      },
      {
        label: "epsilon added outside the square root",
        code: `export function layerNorm(x: number[], gamma: number[], beta: number[], eps: number): number[] {
  const n = x.length;
  const mean = x.reduce((s, v) => s + v, 0) / n;
  const variance = x.reduce((s, v) => s + (v - mean) ** 2, 0) / n;
  return x.map((v, i) => gamma[i] * (v - mean) / (Math.sqrt(variance) + eps) + beta[i]);
}
`,
      },
      {
        label: "forgets to subtract the mean (that is RMSNorm)",
        code: `export function layerNorm(x: number[], gamma: number[], beta: number[], eps: number): number[] {
  const ms = x.reduce((s, v) => s + v * v, 0) / x.length;
  return x.map((v, i) => gamma[i] * v / Math.sqrt(ms + eps) + beta[i]);
}
`,
      },
    ],
  },
  {
    id: "layernorm-axis",
    kind: "multiple-choice",
    prompt: "For a batch of activations of shape $(B, T, d)$, over which elements does a Transformer's LayerNorm compute its mean and variance?",
    choices: [
      {
        text: "Over the $d$ features of each token separately",
        correct: true,
        explanation: "Each token vector is normalised on its own, so the statistics do not depend on the batch, the sequence length or padding.",
      },
      {
        text: "Over the batch dimension, for each feature",
        correct: false,
        explanation: "That is BatchNorm; it needs running statistics at inference and behaves badly with small batches and padded sequences.",
      },
      {
        text: "Over the $T$ positions of each sequence, for each feature",
        correct: false,
        explanation: "Normalising along the sequence would mix information across positions (and leak future tokens in a causal model).",
      },
      {
        text: "Over all $T \\cdot d$ values of each sequence",
        correct: false,
        explanation: "That is closer to a per-sample group norm; it couples tokens, so a token's output would depend on the others.",
      },
    ],
  },
  {
    id: "layernorm-recall",
    kind: "recall",
    prompt: "Write the LayerNorm formula for a token vector $x \\in \\mathbb{R}^d$ and name its learned parameters.",
    answer:
      "$\\mathrm{LN}(x)_i = \\gamma_i\\,\\frac{x_i - \\mu}{\\sqrt{\\sigma^2 + \\epsilon}} + \\beta_i$ with $\\mu = \\frac1d\\sum x_i$ and the biased " +
      "variance $\\sigma^2 = \\frac1d\\sum (x_i-\\mu)^2$; learned gain $\\gamma$ and bias $\\beta$ ($d$ values each, init 1 and 0).",
  },
  {
    id: "diagnose-layernorm-bug",
    kind: "numeric",
    tolerance: { abs: 0 },
    generate(rng) {
      // Three LayerNorm implementations on two tokens; the statistics of the output rows identify each one.
      const d = 4;
      const X = Array.from({ length: 2 }, () => Array.from({ length: d }, () => Math.round((rng.uniform() * 8 - 4) * 10) / 10));
      const correct = layerNorm(tensor(X)).toArray() as number[][];
      const variants = [
        { label: "correct", Y: correct },
        // unbiased variance: σ² · d/(d−1) inside the root
        { label: "unbiased variance (divides by $d - 1$)", Y: X.map((x) => {
          const { mean, variance } = layerNormStats(tensor([x]));
          return x.map((v) => (v - mean.data[0]) / Math.sqrt((variance.data[0] * d) / (d - 1) + 1e-5));
        }) },
        // statistics over the tokens (the batch/sequence axis) instead of the features
        { label: "statistics over the two tokens instead of the features", Y: transpose(layerNorm(transpose(tensor(X)))).toArray() as number[][] },
      ];
      const k = rng.int(variants.length);
      const Y = variants[k].Y;
      const show = (M: number[][]) => "\\begin{bmatrix}" + M.map((r) => r.map((v) => v.toFixed(3)).join(" & ")).join(" \\\\ ") + "\\end{bmatrix}";
      const meanSq = Y.map((r) => r.reduce((a, v) => a + v * v, 0) / d);
      const means = Y.map((r) => r.reduce((a, v) => a + v, 0) / d);
      return {
        prompt:
          `Two token vectors $X = ${show(X)}$ (rows) go through a LayerNorm with $\\gamma = 1$, $\\beta = 0$, $\\epsilon = 10^{-5}$. ` +
          `An implementation returns $${show(Y)}$. Which is it? ${variants.map((v, i) => `**${i + 1}**: ${v.label}`).join("; ")}. (Answer 1–3.)`,
        expected: k + 1,
        mistakes: variants
          .map((_, i) => i)
          .filter((i) => i !== k)
          .map((i) => ({
            name: i === 0 ? "check only that each row has mean 0, not that its mean square is 1" : "pick a bug without checking each row's mean and mean square",
            value: i + 1,
          })),
        explanation:
          `Correct LayerNorm gives every row mean 0 and mean square 1 (biased variance). Here the row means are ` +
          `${means.map((v) => v.toFixed(3)).join(" and ")} and the mean squares ${meanSq.map((v) => v.toFixed(3)).join(" and ")}. The unbiased variance shrinks them to $(d-1)/d = 0.75$; normalising over two tokens ` +
          `makes every *column* $\\pm 1$ instead. This one is ${k + 1}: ${variants[k].label}.`,
      };
    },
  },
]);
