import { defineExercises } from "@qkv/quiz";
import { logSoftmax, softmax, tensor, type Rng } from "@qkv/core";

const row = (rng: Rng, n: number, spread: number): number[] => Array.from({ length: n }, () => (rng.uniform() * 2 - 1) * spread);

export default defineExercises([
  {
    id: "implement-stable-softmax",
    kind: "code",
    prompt:
      "Implement `softmax(row: number[]): number[]` that returns a probability vector and never overflows or " +
      "returns `NaN`, even for logits such as $[1000, 999, -1000]$.",
    functionName: "softmax",
    starter: `export function softmax(row: number[]): number[] {
  throw new Error("TODO");
}
`,
    solution: `export function softmax(row: number[]): number[] {
  const m = Math.max(...row);
  const exps = row.map((z) => Math.exp(z - m));
  const total = exps.reduce((s, e) => s + e, 0);
  return exps.map((e) => e / total);
}
`,
    tests(rng) {
      const cases: number[][] = [
        [1000, 999, 990],
        [-1000, -1001, -1002],
        [1000, -1000],
        [0],
        [3, 3, 3, 3],
      ];
      for (let k = 0; k < 6; k++) cases.push(row(rng, 2 + rng.int(8), k < 3 ? 5 : 1000));
      return cases.map((r) => ({ args: [r] }));
    },
    reference(r) {
      return Array.from(softmax(tensor([r as number[]])).data);
    },
    tolerance: { abs: 1e-9 },
    wrongSolutions: [
      {
        label: "no max shift (overflows to NaN for large logits)",
        code: `export function softmax(row: number[]): number[] {
  const exps = row.map((z) => Math.exp(z));
  const total = exps.reduce((s, e) => s + e, 0);
  return exps.map((e) => e / total);
}
`,
      },
      {
        label: "shifts by the mean instead of the max",
        code: `export function softmax(row: number[]): number[] {
  const m = row.reduce((s, z) => s + z, 0) / row.length;
  const exps = row.map((z) => Math.exp(z - m));
  const total = exps.reduce((s, e) => s + e, 0);
  return exps.map((e) => e / total);
}
`,
      },
      {
        label: "forgets to normalise",
        code: `export function softmax(row: number[]): number[] {
  const m = Math.max(...row);
  return row.map((z) => Math.exp(z - m));
}
`,
      },
    ],
  },
  {
    id: "implement-log-softmax",
    kind: "code",
    prompt:
      "Implement `logSoftmax(row: number[]): number[]` with the log-sum-exp trick, so that very unlikely entries get " +
      "a large negative finite value instead of `-Infinity`.",
    functionName: "logSoftmax",
    starter: `export function logSoftmax(row: number[]): number[] {
  throw new Error("TODO");
}
`,
    solution: `export function logSoftmax(row: number[]): number[] {
  const m = Math.max(...row);
  const lse = m + Math.log(row.reduce((s, z) => s + Math.exp(z - m), 0));
  return row.map((z) => z - lse);
}
`,
    tests(rng) {
      const cases: number[][] = [[1000, 0, -1000], [0, 0], [50, -50, 10]];
      for (let k = 0; k < 6; k++) cases.push(row(rng, 2 + rng.int(6), k < 3 ? 10 : 800));
      return cases.map((r) => ({ args: [r] }));
    },
    reference(r) {
      return Array.from(logSoftmax(tensor([r as number[]])).data);
    },
    tolerance: { abs: 1e-9, rel: 1e-12 },
    wrongSolutions: [
      {
        label: "log of a (stable) softmax underflows to -Infinity",
        code: `export function logSoftmax(row: number[]): number[] {
  const m = Math.max(...row);
  const exps = row.map((z) => Math.exp(z - m));
  const total = exps.reduce((s, e) => s + e, 0);
  return exps.map((e) => Math.log(e / total));
}
`,
      },
      {
        label: "forgets to add the max back into the log-sum-exp",
        code: `export function logSoftmax(row: number[]): number[] {
  const m = Math.max(...row);
  const lse = Math.log(row.reduce((s, z) => s + Math.exp(z - m), 0));
  return row.map((z) => z - lse);
}
`,
      },
    ],
  },
  {
    id: "softmax-shift-invariance",
    kind: "numeric",
    tolerance: { abs: 5e-4 },
    generate(rng) {
      const z = Array.from({ length: 3 }, () => Math.round((rng.uniform() * 4 - 2) * 10) / 10);
      const c = 500 + rng.int(500);
      const shifted = z.map((v) => Math.round((v + c) * 10) / 10);
      const p = softmax(tensor([shifted])).data[0];
      return {
        prompt: `Compute the first entry of $\\mathrm{softmax}([${shifted.join(", ")}])$ (4 decimals).`,
        expected: p,
        explanation:
          `Softmax ignores a common offset, so subtract ${c} (or the max) first: the answer equals ` +
          `$\\mathrm{softmax}([${z.join(", ")}])_1 = ${p.toFixed(4)}$. Exponentiating ${shifted[0]} directly would overflow in float32 and be ` +
          `needlessly large in float64.`,
      };
    },
  },
  {
    id: "why-the-max",
    kind: "multiple-choice",
    prompt: "Stable softmax subtracts $c$ from every logit before exponentiating. Which choice of $c$ guarantees no overflow *and* a denominator of at least 1?",
    choices: [
      { text: "$c = \\max_j z_j$", correct: true, explanation: "Every exponent becomes ≤ 0 and the largest term is exactly $e^0 = 1$." },
      { text: "$c$ = the mean of the logits", correct: false, explanation: "Logits far above the mean still give huge exponents, e.g. $[2000, 0]$ has mean 1000 and $e^{1000}$ overflows." },
      { text: "$c = \\min_j z_j$", correct: false, explanation: "This makes every exponent ≥ 0, so a large spread still overflows." },
      { text: "No shift is needed in float64", correct: false, explanation: "$e^{x}$ overflows float64 for $x > 709.78$; attention and vocabulary logits can exceed that in badly scaled models." },
    ],
  },
  {
    id: "recall-log-sum-exp",
    kind: "recall",
    prompt: "Write the numerically stable formula for $\\log\\mathrm{softmax}(z)_i$.",
    answer: "$\\log\\mathrm{softmax}(z)_i = z_i - m - \\log\\sum_j e^{z_j - m}$ with $m = \\max_j z_j$ (the log-sum-exp trick).",
  },
]);
