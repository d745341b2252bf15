import { defineExercises } from "@qkv/quiz";
import { add, causalMask, softmax, tensor, type Rng } from "@qkv/core";

const scoreMatrix = (rng: Rng, T: number): number[][] =>
  Array.from({ length: T }, () => Array.from({ length: T }, () => Math.round(rng.normal() * 150) / 100));

export default defineExercises([
  {
    id: "masked-weight",
    kind: "numeric",
    tolerance: { abs: 1e-3 },
    generate(rng) {
      const S = scoreMatrix(rng, 4);
      const i = 1 + rng.int(3);
      const j = rng.int(i + 1);
      const A = softmax(add(tensor(S), causalMask(4))).toArray() as number[][];
      return {
        prompt:
          `Scaled scores of a length-4 sequence (row = query, column = key): $S = ${"\\begin{bmatrix}" + S.map((r) => r.join(" & ")).join(" \\\\ ") + "\\end{bmatrix}"}$. ` +
          `After the causal mask and the row softmax, what weight does query ${i + 1} give to key ${j + 1}?`,
        expected: A[i][j],
        mistakes: [
          { name: "apply the mask after the softmax (full-row softmax, future zeroed, not renormalised)", value: (softmax(tensor(S)).toArray() as number[][])[i][j] },
        ],
        explanation: `Only keys $1..${i + 1}$ are visible to query ${i + 1}: $A_{${i + 1},${j + 1}} = e^{S_{${i + 1},${j + 1}}} / \\sum_{k \\le ${i + 1}} e^{S_{${i + 1},k}}$; the future entries of the row are ignored entirely.`,
      };
    },
  },
  {
    id: "implement-causal-attention-weights",
    kind: "code",
    prompt:
      "Implement `causalWeights(scores: number[][]): number[][]`: given a square matrix of scaled scores, apply the causal " +
      "mask (query $i$ may see keys $j \\le i$) and a row-wise softmax. Masked entries must be exactly 0.",
    functionName: "causalWeights",
    starter: `export function causalWeights(scores: number[][]): number[][] {
  throw new Error("TODO");
}
`,
    solution: `export function causalWeights(scores: number[][]): number[][] {
  return scores.map((row, i) => {
    const visible = row.slice(0, i + 1);
    const m = Math.max(...visible);
    const e = row.map((s, j) => (j <= i ? Math.exp(s - m) : 0));
    const total = e.reduce((a, b) => a + b, 0);
    return e.map((v) => v / total);
  });
}
`,
    tests(rng) {
      const cases: unknown[][] = [];
      for (let k = 0; k < 5; k++) cases.push([scoreMatrix(rng, 2 + rng.int(5))]);
      cases.push([[[900, 1], [2, 901]]]);
      return cases.map((args) => ({ args }));
    },
    reference(S) {
      const T = (S as number[][]).length;
      return softmax(add(tensor(S as number[][]), causalMask(T))).toArray();
    },
    tolerance: { abs: 1e-9 },
    wrongSolutions: [
      {
        label: "softmax over the full row, then zero the future (not renormalised, leaks future scores)",
        code: `export function causalWeights(scores: number[][]): number[][] {
  return scores.map((row, i) => {
    const m = Math.max(...row);
    const e = row.map((s) => Math.exp(s - m));
    const total = e.reduce((a, b) => a + b, 0);
    return e.map((v, j) => (j <= i ? v / total : 0));
  });
}
`,
      },
      {
        label: "masks the diagonal too (token cannot see itself)",
        code: `export function causalWeights(scores: number[][]): number[][] {
  return scores.map((row, i) => {
    const e = row.map((s, j) => (j < i ? Math.exp(s) : 0));
    const total = e.reduce((a, b) => a + b, 0) || 1;
    return e.map((v) => v / total);
  });
}
`,
      },
      {
        label: "upper-triangular mask (sees the future, not the past)",
        code: `export function causalWeights(scores: number[][]): number[][] {
  return scores.map((row, i) => {
    const visible = row.slice(i);
    const m = Math.max(...visible);
    const e = row.map((s, j) => (j >= i ? Math.exp(s - m) : 0));
    const total = e.reduce((a, b) => a + b, 0);
    return e.map((v) => v / total);
  });
}
`,
      },
    ],
  },
  {
    id: "mask-before-softmax",
    kind: "multiple-choice",
    prompt: "Why is the causal mask added to the scores *before* the softmax instead of zeroing future weights after it?",
    choices: [
      {
        text: "Zeroing afterwards leaves rows that do not sum to 1 and whose visible weights still depend on future scores through the softmax denominator.",
        correct: true,
        explanation: "Adding $-\\infty$ first removes future keys from the normaliser, so no information about later tokens leaks into earlier outputs.",
      },
      {
        text: "Because the softmax cannot represent zeros.",
        correct: false,
        explanation: "The softmax of $-\\infty$ is exactly 0; representing zeros is not the issue, leaking through the normaliser is.",
      },
      {
        text: "Only for speed: both give identical results.",
        correct: false,
        explanation: "They differ: the zero-after-softmax rows are not renormalised and depend on masked scores.",
      },
      {
        text: "Because masking after the softmax would block the current token from attending to itself.",
        correct: false,
        explanation: "Either way the diagonal stays visible; the problem is the future entries in the denominator.",
      },
    ],
  },
  {
    id: "diagnose-mask-bug",
    kind: "numeric",
    tolerance: { abs: 0 },
    generate(rng) {
      // Four implementations of "mask + softmax"; the pattern of zeros and the row sums identify each one.
      const T = 4;
      const S = scoreMatrix(rng, T);
      const keep = (i: number, j: number) => j <= i;
      const masked = (blocked: (i: number, j: number) => boolean) =>
        softmax(tensor(S.map((r, i) => r.map((s, j) => (blocked(i, j) ? -Infinity : s))))).toArray() as number[][];
      const full = softmax(tensor(S)).toArray() as number[][];
      const variants = [
        { label: "correct: $-\\infty$ added to the future scores before the softmax", W: softmax(add(tensor(S), causalMask(T))).toArray() as number[][] },
        { label: "softmax over the full row, then the future weights set to 0", W: full.map((r, i) => r.map((w, j) => (keep(i, j) ? w : 0))) },
        { label: "mask transposed: the *past* keys are blocked", W: masked((i, j) => j < i) },
        { label: "diagonal masked too ($j \\ge i$ blocked)", W: masked((i, j) => j >= i) },
      ];
      const k = rng.int(variants.length);
      const show = (M: number[][]) =>
        "\\begin{bmatrix}" + M.map((r) => r.map((v) => (Number.isNaN(v) ? "\\text{NaN}" : v.toFixed(3))).join(" & ")).join(" \\\\ ") + "\\end{bmatrix}";
      const sums = variants[k].W.map((r) => r.reduce((a, b) => a + b, 0));
      return {
        prompt:
          `Scaled scores $S = ${show(S)}$ (row = query, column = key). A causal-attention implementation returns the weights ` +
          `$${show(variants[k].W)}$. Which implementation is it? ${variants.map((v, i) => `**${i + 1}**: ${v.label}`).join("; ")}. (Answer 1–4.)`,
        expected: k + 1,
        mistakes: variants
          .map((_, i) => i)
          .filter((i) => i !== k && (k === 0 || i === 0))
          .map((i) => ({
            name:
              k === 0
                ? `suspect bug ${i + 1} although the zeros sit above the diagonal and every row sums to 1`
                : "call it correct without checking that the zeros sit above the diagonal, every row sums to 1 and the first row is $[1, 0, 0, 0]$",
            value: i + 1,
          })),
        explanation:
          `Row sums: ${sums.map((v) => (Number.isNaN(v) ? "NaN" : v.toFixed(3))).join(", ")}. The correct weights are zero above the diagonal, every row sums to 1 ` +
          `and the first query puts all its weight on itself. Zeroing after the softmax keeps the triangle but the rows sum to less than 1; ` +
          `a transposed mask zeroes the *lower* triangle (the last query sees only itself); masking the diagonal leaves query 1 with no key at all, so its row is $0/0$ = NaN. ` +
          `This one is ${k + 1}: ${variants[k].label}.`,
      };
    },
  },
]);
