import { defineExercises } from "@qkv/quiz";
import { embed, matmul, tensor, type Rng, randn, embedBackward } from "@qkv/core";

const table = (rng: Rng, V: number, d: number): number[][] =>
  Array.from({ length: V }, () => Array.from({ length: d }, () => Math.round((rng.uniform() * 2 - 1) * 1000) / 1000));

export default defineExercises([
  {
    id: "implement-scaled-embedding",
    kind: "code",
    prompt:
      "Implement `embedTokens(table: number[][], ids: number[]): number[][]` as in the original Transformer: look up " +
      "row `table[id]` for each id (table is $(V, d)$) and multiply it by $\\sqrt{d}$. Return a $(T, d)$ matrix and do " +
      "not modify `table`.",
    functionName: "embedTokens",
    starter: `export function embedTokens(table: number[][], ids: number[]): number[][] {
  throw new Error("TODO");
}
`,
    solution: `export function embedTokens(table: number[][], ids: number[]): number[][] {
  const s = Math.sqrt(table[0].length);
  return ids.map((id) => table[id].map((v) => v * s));
}
`,
    tests(rng) {
      const cases = [];
      for (let k = 0; k < 6; k++) {
        const V = 3 + rng.int(8), d = 2 + rng.int(7);
        const ids = Array.from({ length: 1 + rng.int(6) }, () => rng.int(V));
        ids.push(ids[0]); // a repeated token
        cases.push({ args: [table(rng, V, d), ids] });
      }
      return cases;
    },
    reference(t, ids) {
      return embed(tensor(t as number[][]), ids as number[], { scale: true }).toArray();
    },
    tolerance: { abs: 1e-12 },
    wrongSolutions: [
      {
        label: "scales by d instead of sqrt(d)",
        code: `export function embedTokens(table: number[][], ids: number[]): number[][] {
  const d = table[0].length;
  return ids.map((id) => table[id].map((v) => v * d));
}
`,
      },
      {
        label: "scales by sqrt(V) (vocabulary size) instead of sqrt(d)",
        code: `export function embedTokens(table: number[][], ids: number[]): number[][] {
  const s = Math.sqrt(table.length);
  return ids.map((id) => table[id].map((v) => v * s));
}
`,
      },
      {
        label: "indexes columns instead of rows",
        code: `export function embedTokens(table: number[][], ids: number[]): number[][] {
  const s = Math.sqrt(table[0].length);
  return ids.map((id) => table.map((row) => (row[id] ?? 0) * s));
}
`,
      },
    ],
  },
  {
    id: "one-hot-product",
    kind: "numeric",
    tolerance: { abs: 1e-9 },
    generate(rng) {
      const V = 4, d = 3;
      const E = table(rng, V, d).map((r) => r.map((v) => Math.round(v * 10) / 10));
      const id = rng.int(V), col = rng.int(d);
      const oneHot = [[0, 1, 2, 3].map((j) => (j === id ? 1 : 0))];
      const y = matmul(tensor(oneHot), tensor(E)).data[col];
      return {
        prompt: `$E = ${JSON.stringify(E)}$ ($V = 4$, $d = 3$). Compute entry ${col} (zero-based) of $o^\\top E$, where $o$ is the one-hot vector for token id ${id}.`,
        expected: y,
        explanation: `A one-hot row vector times $E$ selects row ${id}: $[${E[id].join(", ")}]$, whose entry ${col} is ${y}. That is why embedding layers are lookups.`,
      };
    },
  },
  {
    id: "sparse-gradient",
    kind: "multiple-choice",
    prompt: "With an *untied* input embedding, which rows of the table receive a non-zero gradient from one training batch?",
    choices: [
      { text: "Only the rows of token ids that occur in the batch's inputs", correct: true, explanation: "The lookup's Jacobian is zero for every row that was not read." },
      { text: "All rows, through the softmax over the vocabulary", correct: false, explanation: "That holds for the *output* projection (and for a tied table), not for an untied input table." },
      { text: "Only the row of the most frequent token", correct: false, explanation: "Every row that was read receives gradient, in proportion to how it was used." },
      { text: "No rows: embeddings are fixed after initialisation", correct: false, explanation: "Embeddings are trained end-to-end with the rest of the model." },
    ],
  },
  {
    id: "rows-with-gradient",
    kind: "numeric",
    tolerance: { abs: 0 },
    generate(rng) {
      // Predict the sparsity of the embedding gradient, then count the non-zero rows of core's embedBackward.
      const V = 12 + rng.int(20), B = 2, T = 4 + rng.int(4);
      const ids = Array.from({ length: B }, () => Array.from({ length: T }, () => rng.int(Math.min(V, 10)))); // repeats are likely
      const dy = randn([B, T, 4], rng);
      const dTable = embedBackward(ids, dy, V).toArray() as number[][];
      const touched = dTable.filter((r) => r.some((v) => v !== 0)).length;
      return {
        prompt:
          `An untied input embedding table has $V = ${V}$ rows. One training step sees the token ids ${ids.map((r) => `$[${r.join(", ")}]$`).join(" and ")}. ` +
          `How many rows of the table receive a non-zero gradient?`,
        expected: touched,
        mistakes: [
          { name: "count token positions instead of distinct ids (repeated ids add into one row)", value: B * T },
          { name: "assume every row gets a gradient, as it would with a tied output head", value: V },
        ].filter((m) => m.value !== touched),
        explanation:
          `The lookup's backward scatters each position's upstream gradient into the row of its id, adding up repeats; rows whose id does not ` +
          `occur get exactly 0. There are ${touched} distinct ids, so ${touched} rows get a gradient (core's embedBackward agrees). With a tied output head ` +
          `every row would also get a gradient through the softmax.`,
      };
    },
  },
]);
