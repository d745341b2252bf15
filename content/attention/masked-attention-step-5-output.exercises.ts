import { defineExercises } from "@qkv/quiz";
import { matmul, tensor, type Rng, randn, scaledDotProductAttention, causalMask } from "@qkv/core";

const small = (rng: Rng): number => Math.round((rng.uniform() * 4 - 2) * 10) / 10;

export default defineExercises([
  {
    id: "output-row",
    kind: "numeric",
    tolerance: { abs: 1e-6 },
    generate(rng) {
      const T = 3, dv = 2;
      const i = 1 + rng.int(2);
      // A causal weight row for query i: i+1 visible weights summing to 1, zeros after.
      const raw = Array.from({ length: i + 1 }, () => 1 + rng.int(4));
      const total = raw.reduce((a, b) => a + b, 0);
      const row = [...raw.map((r) => r / total), ...new Array(T - i - 1).fill(0)];
      const V = Array.from({ length: T }, () => Array.from({ length: dv }, () => small(rng)));
      const out = Array.from(matmul(tensor([row]), tensor(V)).data);
      return {
        prompt:
          `Query ${i + 1} of a causal head has attention weights $[${row.map((w) => w.toFixed(4)).join(", ")}]$ over keys 1–3, and the values are ` +
          `$v_1 = [${V[0].join(", ")}]$, $v_2 = [${V[1].join(", ")}]$, $v_3 = [${V[2].join(", ")}]$. What is its output vector?`,
        expected: out,
        mistakes: [
          { name: "add the values up without the weights", value: V.slice(0, i + 1).reduce((a, v) => a.map((s, c) => s + v[c]), [0, 0]) },
        ],
        explanation: `$o_${i + 1} = \\sum_j A_{${i + 1}j} v_j$: a convex combination of the visible value vectors (future weights are 0).`,
      };
    },
  },
  {
    id: "first-token-output",
    kind: "multiple-choice",
    prompt: "In causal self-attention (one head, before $W_O$), what is the output of the first token?",
    choices: [
      { text: "Exactly its own value vector $v_1$", correct: true, explanation: "Its only visible key is itself, so its weight row is $[1, 0, \\dots, 0]$." },
      { text: "The average of all value vectors", correct: false, explanation: "That would need uniform weights over all keys, including future ones, which the mask forbids." },
      { text: "Its query vector $q_1$", correct: false, explanation: "Outputs are combinations of values, never of queries." },
      { text: "A zero vector, since it has no previous tokens", correct: false, explanation: "A token always sees itself; the row has one visible entry with weight 1." },
    ],
  },
  {
    id: "predict-value-change",
    kind: "numeric",
    tolerance: { abs: 5e-3 },
    generate(rng) {
      // Predict the effect of editing one value vector from the weights alone, then compare with core's recomputation.
      const T = 4, d = 3;
      const Q = randn([T, d], rng), K = randn([T, d], rng), V = randn([T, d], rng);
      const { weights, output } = scaledDotProductAttention(Q, K, V, { mask: causalMask(T) });
      const A = weights.toArray() as number[][];
      const i = rng.int(T), j = rng.int(T), delta = [2, -1, 0.5, 3][rng.int(4)];
      const V2 = V.clone();
      for (let c = 0; c < d; c++) V2.data[j * d + c] += delta;
      const changed = scaledDotProductAttention(Q, K, V2, { mask: causalMask(T) }).output;
      const expected = changed.data[i * d] - output.data[i * d];
      const candidates = [
        ...(j > i ? [{ name: "let a later token's value leak into an earlier output (use the transposed weight $A_{ji}$)", value: A[j][i] * delta }] : []),
        { name: "forget that the change is scaled by the attention weight", value: delta },
        { name: "think no output changes, whatever the positions", value: 0 },
      ];
      const show = "\\begin{bmatrix}" + A.map((r) => r.map((v) => v.toFixed(3)).join(" & ")).join(" \\\\ ") + "\\end{bmatrix}";
      return {
        prompt:
          `A causal head over 4 tokens has the attention weights $A = ${show}$ (row = query, column = key). You add ${delta} to every ` +
          `component of the value vector of token ${j + 1} and leave everything else unchanged. By how much does the first component of the ` +
          `output of token ${i + 1} change? (3 decimals)`,
        expected,
        mistakes: candidates.filter((m) => Math.abs(m.value - expected) > 5e-3),
        explanation:
          `$o_${i + 1} = \\sum_k A_{${i + 1}k} v_k$ is linear in the values, and the weights do not depend on $V$, so the change is ` +
          `$A_{${i + 1},${j + 1}}\\cdot (${delta}) = ${A[i][j].toFixed(3)}\\cdot (${delta})$` +
          (j > i ? ` = 0: token ${j + 1} is in the future of token ${i + 1}, so the causal mask gave it weight 0.` : ".") +
          ` Recomputing the head with the edited $V$ gives a change of ${expected.toFixed(4)}.`,
      };
    },
  },
]);
