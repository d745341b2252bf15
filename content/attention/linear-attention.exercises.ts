import { defineExercises } from "@qkv/quiz";
import { matmul, tensor, transpose, type Rng } from "@qkv/core";

const phiRows = (rng: Rng, rows: number, cols: number): number[][] =>
  Array.from({ length: rows }, () => Array.from({ length: cols }, () => 0.1 + rng.uniform() * 2)); // positive features

export default defineExercises([
  {
    id: "implement-linear-attention",
    kind: "code",
    prompt:
      "Implement non-causal linear attention `linearAttention(phiQ: number[][], phiK: number[][], V: number[][]): number[][]` " +
      "where the feature maps are already applied (all entries positive): $o_i = \\phi(q_i)^\\top S / \\phi(q_i)^\\top z$ with " +
      "$S = \\sum_j \\phi(k_j)v_j^\\top$ and $z = \\sum_j \\phi(k_j)$. It must equal the quadratic form " +
      "$\\mathrm{rownorm}(\\phi(Q)\\phi(K)^\\top)V$.",
    functionName: "linearAttention",
    starter: `export function linearAttention(phiQ: number[][], phiK: number[][], V: number[][]): number[][] {
  throw new Error("TODO");
}
`,
    solution: `export function linearAttention(phiQ: number[][], phiK: number[][], V: number[][]): number[][] {
  const r = phiK[0].length, dv = V[0].length;
  const S = Array.from({ length: r }, () => new Array(dv).fill(0));
  const z = new Array(r).fill(0);
  phiK.forEach((k, j) => k.forEach((kv, a) => { z[a] += kv; for (let c = 0; c < dv; c++) S[a][c] += kv * V[j][c]; }));
  return phiQ.map((q) => {
    const den = q.reduce((s, qa, a) => s + qa * z[a], 0);
    return Array.from({ length: dv }, (_, c) => q.reduce((s, qa, a) => s + qa * S[a][c], 0) / den);
  });
}
`,
    tests(rng) {
      const cases = [];
      for (let k = 0; k < 6; k++) {
        const L = 1 + rng.int(5), S = 2 + rng.int(5), r = 2 + rng.int(4), dv = 1 + rng.int(3);
        const V = Array.from({ length: S }, () => Array.from({ length: dv }, () => rng.uniform() * 2 - 1));
        cases.push({ args: [phiRows(rng, L, r), phiRows(rng, S, r), V] });
      }
      return cases;
    },
    reference(phiQ, phiK, V) {
      // quadratic form with core: A = phi(Q) phi(K)^T, rows normalised, times V
      const A = matmul(tensor(phiQ as number[][]), transpose(tensor(phiK as number[][]))).toArray() as number[][];
      const An = A.map((row) => row.map((v) => v / row.reduce((s, x) => s + x, 0)));
      return matmul(tensor(An), tensor(V as number[][])).toArray();
    },
    tolerance: { abs: 1e-9 },
    wrongSolutions: [
      {
        label: "forgets the normaliser z",
        code: `export function linearAttention(phiQ: number[][], phiK: number[][], V: number[][]): number[][] {
  const r = phiK[0].length, dv = V[0].length;
  const S = Array.from({ length: r }, () => new Array(dv).fill(0));
  phiK.forEach((k, j) => k.forEach((kv, a) => { for (let c = 0; c < dv; c++) S[a][c] += kv * V[j][c]; }));
  return phiQ.map((q) => Array.from({ length: dv }, (_, c) => q.reduce((s, qa, a) => s + qa * S[a][c], 0)));
}
`,
      },
      {
        label: "applies a softmax to phi(Q) phi(K)^T (that is not the kernel form)",
        code: `export function linearAttention(phiQ: number[][], phiK: number[][], V: number[][]): number[][] {
  return phiQ.map((q) => {
    const s = phiK.map((k) => k.reduce((a, kv, i) => a + kv * q[i], 0));
    const m = Math.max(...s);
    const e = s.map((x) => Math.exp(x - m));
    const t = e.reduce((a, b) => a + b, 0);
    return V[0].map((_, c) => e.reduce((a, w, j) => a + (w / t) * V[j][c], 0));
  });
}
`,
      },
    ],
  },
  {
    id: "causal-state",
    kind: "multiple-choice",
    prompt: "In causal linear attention, what does the model keep between generation steps?",
    choices: [
      { text: "A fixed-size running state $S_t = S_{t-1} + \\phi(k_t)v_t^\\top$ and $z_t$", correct: true, explanation: "Like an RNN: memory does not grow with context length." },
      { text: "The keys and values of all previous tokens, like a KV cache", correct: false, explanation: "That is what softmax attention needs; linear attention folds them into $S$." },
      { text: "The full $T\\times T$ attention matrix", correct: false, explanation: "Linear attention never forms it." },
      { text: "Nothing; each step is recomputed from scratch", correct: false, explanation: "The running sums make each step $O(1)$ in the context length." },
    ],
  },
]);
