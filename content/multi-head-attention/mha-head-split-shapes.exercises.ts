import { defineExercises } from "@qkv/quiz";
import { Rng, Tensor, multiHeadAttention, randn, tensor, transpose, type Rng as RngT } from "@qkv/core";

const matrix = (rng: RngT, rows: number, cols: number): number[][] =>
  Array.from({ length: rows }, () => Array.from({ length: cols }, () => Math.round((rng.uniform() * 2 - 1) * 100) / 100));

export default defineExercises([
  {
    id: "implement-split-heads",
    kind: "code",
    prompt:
      "Implement `splitHeads(x: number[][], h: number): number[][][]`: $x$ is a projected $(T, d)$ matrix; return the " +
      "$(h, T, d/h)$ array where head $i$ holds feature columns $[i\\,d_k, (i+1)\\,d_k)$ of every token.",
    functionName: "splitHeads",
    starter: `export function splitHeads(x: number[][], h: number): number[][][] {
  throw new Error("TODO");
}
`,
    solution: `export function splitHeads(x: number[][], h: number): number[][][] {
  const dk = x[0].length / h;
  return Array.from({ length: h }, (_, i) => x.map((row) => row.slice(i * dk, (i + 1) * dk)));
}
`,
    tests(rng) {
      const cases = [];
      for (let k = 0; k < 6; k++) {
        const h = [2, 3, 4][rng.int(3)];
        cases.push({ args: [matrix(rng, 2 + rng.int(4), h * (1 + rng.int(3))), h] });
      }
      return cases;
    },
    reference(x, h) {
      const X = tensor(x as number[][]);
      const [T, d] = X.shape;
      const H = h as number;
      // (T, d) → view (T, h, d_k) → transpose to (h, T, d_k)
      return transpose(new Tensor(X.data, [T, H, d / H]), [1, 0, 2]).toArray();
    },
    tolerance: { abs: 0 },
    wrongSolutions: [
      {
        label: "reshapes (T, d) straight to (h, T, d_k) without the transpose",
        code: `export function splitHeads(x: number[][], h: number): number[][][] {
  const T = x.length, dk = x[0].length / h;
  const flat = x.flat();
  return Array.from({ length: h }, (_, i) =>
    Array.from({ length: T }, (_, t) => flat.slice((i * T + t) * dk, (i * T + t + 1) * dk)),
  );
}
`,
      },
      {
        label: "strided split (head i takes columns i, i+h, i+2h, ...)",
        code: `export function splitHeads(x: number[][], h: number): number[][][] {
  return Array.from({ length: h }, (_, i) => x.map((row) => row.filter((_, c) => c % h === i)));
}
`,
      },
    ],
  },
  {
    id: "weights-shape-entries",
    kind: "numeric",
    tolerance: { abs: 0 },
    generate(rng) {
      const B = 1 + rng.int(3), h = [2, 4][rng.int(2)], L = 2 + rng.int(4), S = 2 + rng.int(6), d = 2 * h;
      const r = new Rng(rng.int(1000));
      const w = () => randn([d, d], r);
      const res = multiHeadAttention(randn([B, L, d], r), randn([B, S, d], r), { W_Q: w(), W_K: w(), W_V: w(), W_O: w() }, { numHeads: h });
      const [b, hh, l, s] = res.weights.shape;
      return {
        prompt: `Cross-attention: decoder input $(B, L, d) = (${B}, ${L}, ${d})$, encoder memory $(B, S, d) = (${B}, ${S}, ${d})$, $h = ${h}$ heads. The per-head weight tensor has shape $(B, h, L, S)$ — how many entries does it have?`,
        expected: res.weights.size,
        mistakes: [
          { name: "use L\u00d7L (the self-attention shape)", value: b * hh * l * l },
          { name: "forget the heads", value: b * l * s },
        ],
        explanation: `Shape $(${b}, ${hh}, ${l}, ${s})$: one $L\\times S$ matrix per head and batch element, $${b}\\cdot${hh}\\cdot${l}\\cdot${s} = ${res.weights.size}$ entries.`,
      };
    },
  },
  {
    id: "split-order",
    kind: "multiple-choice",
    prompt: "To split $Q$ of shape $(B, T, d)$ into heads for batched matmuls, which sequence is correct?",
    choices: [
      { text: "reshape to $(B, T, h, d_k)$, then transpose to $(B, h, T, d_k)$", correct: true, explanation: "The reshape groups each token's features by head; the transpose makes heads a batch axis." },
      { text: "reshape directly to $(B, h, T, d_k)$", correct: false, explanation: "Same element count, but it regroups memory wrongly: one 'head' would contain features of several tokens." },
      { text: "transpose to $(B, d, T)$, then reshape to $(B, h, d_k, T)$", correct: false, explanation: "This yields $K^\\top$-like layout per head for queries and complicates every later step; it is not the standard split." },
      { text: "No reshape: each head takes a different subset of tokens", correct: false, explanation: "Heads split features, not tokens; every head sees every token." },
    ],
  },
]);
