import { defineExercises } from "@qkv/quiz";
import { causalMask, scaledDotProductAttention, tensor, type Rng } from "@qkv/core";

const matrix = (rng: Rng, rows: number, cols: number): number[][] =>
  Array.from({ length: rows }, () => Array.from({ length: cols }, () => rng.uniform() * 4 - 2));

const weightsOf = (X: number[][]): number[][] =>
  scaledDotProductAttention(tensor(X), tensor(X), tensor(X), { mask: causalMask(X.length) }).weights.toArray() as number[][];

export default defineExercises([
  {
    id: "implement-causal-attention-weights",
    kind: "code",
    prompt:
      "Implement `causalWeights(Q: number[][], K: number[][]): number[][]` returning the $T\\times T$ causal " +
      "attention weights $\\mathrm{softmax}(QK^\\top/\\sqrt{d_k} + M)$, where $M_{ij} = -\\infty$ for $j > i$ and 0 " +
      "otherwise. $Q$ and $K$ are both $(T, d_k)$.",
    functionName: "causalWeights",
    starter: `// Optional helper: define it and a failing solution is told whether the masked scores are already wrong.
export function maskedScores(Q: number[][], K: number[][]): number[][] {
  // (T, T): QKᵀ/√d_k with -Infinity where the key is in the future (j > i)
  throw new Error("TODO");
}

export function causalWeights(Q: number[][], K: number[][]): number[][] {
  throw new Error("TODO");
}
`,
    solution: `export function maskedScores(Q: number[][], K: number[][]): number[][] {
  const dk = Q[0].length;
  return Q.map((q, i) => K.map((k, j) => (j > i ? -Infinity : q.reduce((a, qd, d) => a + qd * k[d], 0) / Math.sqrt(dk))));
}

export function causalWeights(Q: number[][], K: number[][]): number[][] {
  return maskedScores(Q, K).map((s) => {
    const m = Math.max(...s);
    const e = s.map((x) => Math.exp(x - m));
    const z = e.reduce((a, b) => a + b, 0);
    return e.map((x) => x / z);
  });
}
`,
    tests(rng) {
      const cases = [];
      for (let k = 0; k < 8; k++) {
        const T = 2 + rng.int(5), dk = 2 + rng.int(6);
        cases.push({ args: [matrix(rng, T, dk), matrix(rng, T, dk)] });
      }
      return cases;
    },
    reference(Q, K) {
      const q = tensor(Q as number[][]), k = tensor(K as number[][]);
      return scaledDotProductAttention(q, k, k, { mask: causalMask(q.shape[0]) }).weights.toArray();
    },
    tolerance: { abs: 1e-9 },
    steps: [
      {
        name: "the masked scores",
        functionName: "maskedScores",
        args: (Q, K) => [Q, K],
        reference: (Q, K) => {
          const q = tensor(Q as number[][]), k = tensor(K as number[][]);
          return scaledDotProductAttention(q, k, k, { mask: causalMask(q.shape[0]) }).scores.toArray();
        },
      },
    ],
    wrongSolutions: [
      {
        label: "mask applied after the softmax (future weights zeroed, rows no longer sum to 1)",
        code: `export function causalWeights(Q: number[][], K: number[][]): number[][] {
  const dk = Q[0].length;
  return Q.map((q, i) => {
    const s = K.map((k) => q.reduce((a, qd, d) => a + qd * k[d], 0) / Math.sqrt(dk));
    const m = Math.max(...s);
    const e = s.map((x) => Math.exp(x - m));
    const z = e.reduce((a, b) => a + b, 0);
    return e.map((x, j) => (j > i ? 0 : x / z));
  });
}
`,
      },
      {
        label: "masks the diagonal too (j >= i), so a token cannot see itself",
        code: `export function maskedScores(Q: number[][], K: number[][]): number[][] {
  const dk = Q[0].length;
  return Q.map((q, i) => K.map((k, j) => (j >= i ? -Infinity : q.reduce((a, qd, d) => a + qd * k[d], 0) / Math.sqrt(dk))));
}

export function causalWeights(Q: number[][], K: number[][]): number[][] {
  return maskedScores(Q, K).map((s) => {
    const m = Math.max(...s);
    const e = s.map((x) => Math.exp(x - m));
    const z = e.reduce((a, b) => a + b, 0);
    return e.map((x) => x / z);
  });
}
`,
      },
      {
        label: "mask transposed (blocks the past instead of the future)",
        code: `export function causalWeights(Q: number[][], K: number[][]): number[][] {
  const dk = Q[0].length;
  return Q.map((q, i) => {
    const s = K.map((k, j) => (j < i ? -Infinity : q.reduce((a, qd, d) => a + qd * k[d], 0) / Math.sqrt(dk)));
    const m = Math.max(...s);
    const e = s.map((x) => Math.exp(x - m));
    const z = e.reduce((a, b) => a + b, 0);
    return e.map((x) => x / z);
  });
}
`,
      },
    ],
  },
  {
    id: "weight-in-masked-row",
    kind: "numeric",
    tolerance: { abs: 5e-4 },
    generate(rng) {
      const T = 3 + rng.int(3);
      const X = Array.from({ length: T }, () => [rng.int(5) - 2, rng.int(5) - 2]);
      const i = 1 + rng.int(T - 1);
      const W = weightsOf(X);
      return {
        prompt:
          `Causal self-attention with $Q = K = V = X$, $X = ${JSON.stringify(X)}$ (rows are tokens 0…${T - 1}, $d_k = 2$). ` +
          `What weight does token ${i} put on token 0? (4 decimals)`,
        expected: W[i][0],
        explanation:
          `Row ${i} only sees tokens 0…${i}: scores $x_${i}\\cdot x_j/\\sqrt2$ for $j \\le ${i}$, then softmax over those ${i + 1} entries. ` +
          `The weights of row ${i} are ${W[i].map((w) => w.toFixed(4)).join(", ")}.`,
      };
    },
  },
  {
    id: "visible-pairs",
    kind: "numeric",
    tolerance: { abs: 0 },
    generate(rng) {
      const T = 4 + rng.int(60);
      const M = causalMask(T);
      const visible = Array.from(M.data).filter((v) => v === 0).length;
      return {
        prompt: `A causal mask over $T = ${T}$ tokens: how many (query, key) pairs are visible (not $-\\infty$)?`,
        expected: visible,
        mistakes: [
          { name: "count T(T−1)/2: the masked pairs, or the visible ones without the diagonal", value: T * T - visible },
          { name: "count every pair (no mask)", value: T * T },
        ],
        explanation: `Query $i$ sees keys $0…i$, i.e. $i+1$ keys; summing gives $T(T+1)/2 = ${visible}$, a bit over half of the $T^2 = ${T * T}$ entries.`,
      };
    },
  },
  {
    id: "minus-inf-before-softmax",
    kind: "multiple-choice",
    prompt: "Why is the causal mask added as $-\\infty$ to the scores *before* the softmax rather than applied to the weights afterwards?",
    choices: [
      { text: "So blocked entries get exactly 0 and the visible weights are normalised among themselves", correct: true, explanation: "$e^{-\\infty} = 0$ removes the entries from both numerator and denominator." },
      { text: "Because multiplying weights by 0 after the softmax is slower on GPUs", correct: false, explanation: "Speed is not the issue: zeroing afterwards gives rows that no longer sum to 1, and the denominator still contains future scores." },
      { text: "Because the softmax would otherwise give negative weights to future tokens", correct: false, explanation: "Softmax outputs are always positive; the problem is that future tokens get positive weight." },
      { text: "It makes no difference; both give the same weights", correct: false, explanation: "Zeroing after softmax leaves visible weights normalised over all positions, so they differ unless you renormalise." },
    ],
  },
]);
