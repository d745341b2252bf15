import { defineExercises } from "@qkv/quiz";
import { scaledDotProductAttention, softmax, tensor, type Rng } from "@qkv/core";

/** The reference's intermediate values for one case. */
const stepsOf = (Q: unknown, K: unknown) => {
  const q = tensor(Q as number[][]), k = tensor(K as number[][]);
  return { scores: scaledDotProductAttention(q, k, k).scores.toArray() as number[][] };
};

const matrix = (rng: Rng, rows: number, cols: number, spread = 2): number[][] =>
  Array.from({ length: rows }, () => Array.from({ length: cols }, () => (rng.uniform() * 2 - 1) * spread));

export default defineExercises([
  {
    id: "implement-sdpa",
    kind: "code",
    prompt:
      "Implement `attention(Q: number[][], K: number[][], V: number[][]): number[][]` computing " +
      "$\\mathrm{softmax}(QK^\\top/\\sqrt{d_k})V$ with a row-wise, numerically stable softmax. Shapes: $Q$ is " +
      "$(L, d_k)$, $K$ is $(S, d_k)$, $V$ is $(S, d_v)$; return $(L, d_v)$.",
    functionName: "attention",
    starter: `// Optional helpers: define them and a failing solution is told the first step that goes wrong.
export function scores(Q: number[][], K: number[][]): number[][] {
  // (L, S): QKᵀ/√d_k
  throw new Error("TODO");
}

export function weights(S: number[][]): number[][] {
  // (L, S): a numerically stable softmax of each row
  throw new Error("TODO");
}

export function attention(Q: number[][], K: number[][], V: number[][]): number[][] {
  throw new Error("TODO");
}
`,
    solution: `export function scores(Q: number[][], K: number[][]): number[][] {
  const dk = K[0].length;
  return Q.map((q) => K.map((k) => k.reduce((s, kj, j) => s + kj * q[j], 0) / Math.sqrt(dk)));
}

export function weights(S: number[][]): number[][] {
  return S.map((row) => {
    const m = Math.max(...row);
    const e = row.map((s) => Math.exp(s - m));
    const z = e.reduce((a, b) => a + b, 0);
    return e.map((x) => x / z);
  });
}

export function attention(Q: number[][], K: number[][], V: number[][]): number[][] {
  return weights(scores(Q, K)).map((w) => V[0].map((_, c) => w.reduce((s, wj, j) => s + wj * V[j][c], 0)));
}
`,
    tests(rng) {
      const cases = [];
      for (let k = 0; k < 8; k++) {
        const L = 1 + rng.int(4), S = 2 + rng.int(4), dk = 2 + rng.int(7), dv = 1 + rng.int(4);
        cases.push({ args: [matrix(rng, L, dk, k < 6 ? 2 : 30), matrix(rng, S, dk, k < 6 ? 2 : 30), matrix(rng, S, dv)] });
      }
      return cases;
    },
    reference(Q, K, V) {
      const r = scaledDotProductAttention(tensor(Q as number[][]), tensor(K as number[][]), tensor(V as number[][]));
      return r.output.toArray();
    },
    tolerance: { abs: 1e-9 },
    steps: [
      {
        name: "the scores QKᵀ/√d_k",
        functionName: "scores",
        args: (Q, K) => [Q, K],
        reference: (Q, K) => stepsOf(Q, K).scores,
      },
      {
        name: "the weights (softmax of each row of the scores)",
        functionName: "weights",
        args: (Q, K) => [stepsOf(Q, K).scores],
        reference: (S) => softmax(tensor(S as number[][])).toArray(),
      },
    ],
    wrongSolutions: [
      {
        label: "no 1/sqrt(d_k) scaling",
        code: `export function attention(Q: number[][], K: number[][], V: number[][]): number[][] {
  return Q.map((q) => {
    const scores = K.map((k) => k.reduce((s, kj, j) => s + kj * q[j], 0));
    const m = Math.max(...scores);
    const e = scores.map((s) => Math.exp(s - m));
    const z = e.reduce((a, b) => a + b, 0);
    return V[0].map((_, c) => e.reduce((s, ej, j) => s + (ej / z) * V[j][c], 0));
  });
}
`,
      },
      {
        label: "divides by d_k instead of its square root",
        code: `export function attention(Q: number[][], K: number[][], V: number[][]): number[][] {
  const dk = K[0].length;
  return Q.map((q) => {
    const scores = K.map((k) => k.reduce((s, kj, j) => s + kj * q[j], 0) / dk);
    const m = Math.max(...scores);
    const e = scores.map((s) => Math.exp(s - m));
    const z = e.reduce((a, b) => a + b, 0);
    return V[0].map((_, c) => e.reduce((s, ej, j) => s + (ej / z) * V[j][c], 0));
  });
}
`,
      },
      {
        label: "softmax over the query axis (columns) instead of the key axis",
        code: `export function scores(Q: number[][], K: number[][]): number[][] {
  const dk = K[0].length;
  return Q.map((q) => K.map((k) => k.reduce((s, kj, j) => s + kj * q[j], 0) / Math.sqrt(dk)));
}

export function weights(S: number[][]): number[][] {
  const W = S.map((r) => r.slice());
  for (let j = 0; j < S[0].length; j++) {
    const col = S.map((r) => r[j]);
    const m = Math.max(...col);
    const z = col.reduce((a, s) => a + Math.exp(s - m), 0);
    for (let i = 0; i < S.length; i++) W[i][j] = Math.exp(S[i][j] - m) / z;
  }
  return W;
}

export function attention(Q: number[][], K: number[][], V: number[][]): number[][] {
  return weights(scores(Q, K)).map((w) => V[0].map((_, c) => w.reduce((s, wj, j) => s + wj * V[j][c], 0)));
}
`,
      },
    ],
  },
  {
    id: "one-attention-weight",
    kind: "numeric",
    tolerance: { abs: 5e-4 },
    generate(rng) {
      const q = [rng.int(5) - 2, rng.int(5) - 2, rng.int(5) - 2, rng.int(5) - 2];
      const K = Array.from({ length: 3 }, () => [rng.int(5) - 2, rng.int(5) - 2, rng.int(5) - 2, rng.int(5) - 2]);
      const V = K.map((_, j) => [j + 1]);
      const r = scaledDotProductAttention(tensor([q]), tensor(K), tensor(V));
      const w = Array.from(r.weights.data);
      const scores = Array.from(r.scores.data);
      return {
        prompt:
          `A query $q = [${q.join(", ")}]$ attends over keys $k_1 = [${K[0].join(", ")}]$, $k_2 = [${K[1].join(", ")}]$, ` +
          `$k_3 = [${K[2].join(", ")}]$ ($d_k = 4$). What attention weight does $k_1$ receive? (4 decimals)`,
        expected: w[0],
        mistakes: [
          { name: "forget to divide the scores by \u221ad_k", value: softmax(tensor([scores.map((s) => s * 2)])).data[0] },
          { name: "divide the scores by d_k instead of \u221ad_k", value: softmax(tensor([scores.map((s) => s / 2)])).data[0] },
        ],
        explanation:
          `Scaled scores $q\\cdot k_j/\\sqrt{4}$ are ${scores.map((s) => s.toFixed(2)).join(", ")}; softmax gives ` +
          `${w.map((x) => x.toFixed(4)).join(", ")}, so $k_1$ gets ${w[0].toFixed(4)}.`,
      };
    },
  },
  {
    id: "output-shape",
    kind: "multiple-choice",
    prompt: "Cross-attention with $Q \\in \\mathbb{R}^{3\\times 64}$, $K \\in \\mathbb{R}^{7\\times 64}$, $V \\in \\mathbb{R}^{7\\times 32}$. What are the shapes of the weights and the output?",
    choices: [
      { text: "weights $3\\times 7$, output $3\\times 32$", correct: true, explanation: "One row of weights per query over the 7 keys; each output row is a mix of 32-wide values." },
      { text: "weights $7\\times 3$, output $7\\times 32$", correct: false, explanation: "That is one row per key; attention produces one output per *query*." },
      { text: "weights $3\\times 7$, output $3\\times 64$", correct: false, explanation: "The output takes the value width $d_v = 32$, not $d_k$." },
      { text: "weights $3\\times 3$, output $3\\times 32$", correct: false, explanation: "A square weight matrix only arises when queries and keys come from the same sequence (self-attention)." },
    ],
  },
  {
    id: "recall-formula",
    kind: "recall",
    prompt: "State scaled dot-product attention with an optional additive mask, and which axis the softmax normalises.",
    answer: "$\\mathrm{softmax}(QK^\\top/\\sqrt{d_k} + M)V$; the softmax runs over the key axis (each query's row sums to 1).",
  },
]);
