import { defineExercises } from "@qkv/quiz";
import { matmul, tensor, type Rng } from "@qkv/core";

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
]);
