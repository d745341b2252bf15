import { defineExercises } from "@qkv/quiz";
import { softmax, tensor, type Rng } from "@qkv/core";

const row = (rng: Rng, n: number): number[] => Array.from({ length: n }, () => Math.round((rng.uniform() * 6 - 3) * 10) / 10);

export default defineExercises([
  {
    id: "attention-weight-from-scores",
    kind: "numeric",
    tolerance: { abs: 1e-3 },
    generate(rng) {
      const s = row(rng, 4);
      const j = rng.int(4);
      return {
        prompt: `One query's scaled scores against four keys are $[${s.join(", ")}]$ (no mask). What attention weight does key ${j + 1} get?`,
        expected: softmax(tensor([s])).data[j],
        explanation: `$e^{s_${j + 1}} / \\sum_k e^{s_k}$; subtracting the maximum score first does not change the result.`,
      };
    },
  },
  {
    id: "softmax-axis",
    kind: "multiple-choice",
    prompt: "The score matrix $S$ has one row per query and one column per key. Over which axis is the attention softmax taken, and what sums to 1?",
    choices: [
      { text: "Over the keys (each row); every query's weights sum to 1.", correct: true, explanation: "Row $i$ is token $i$'s distribution over the positions it may attend to." },
      { text: "Over the queries (each column); every key's weights sum to 1.", correct: false, explanation: "That would make each key distribute attention over queries, which is not how the output $AV$ is formed." },
      { text: "Over the whole matrix; all $T^2$ weights sum to 1.", correct: false, explanation: "Each query needs its own distribution; a global softmax would make weights shrink as $T$ grows." },
      { text: "No softmax is needed; the scaled scores are already probabilities.", correct: false, explanation: "Scores are arbitrary real numbers, possibly negative; the softmax turns them into a distribution." },
    ],
  },
  {
    id: "diagnose-softmax-bug",
    kind: "numeric",
    tolerance: { abs: 0 },
    generate(rng) {
      // Read the bug off the weights: row sums, column sums and how peaked the rows are compared with the scores.
      const T = 3;
      const S = Array.from({ length: T }, () => row(rng, T));
      const variants = [
        { label: "correct: softmax over the keys (each row)", weights: softmax(tensor(S)) },
        { label: "softmax over the queries (each column)", weights: softmax(tensor(S), { axis: 0 }) },
        { label: "softmax applied twice (softmax of the weights)", weights: softmax(softmax(tensor(S))) },
      ];
      const k = rng.int(variants.length);
      const W = variants[k].weights.toArray() as number[][];
      const show = (M: number[][]) => M.map((r) => `[${r.map((v) => v.toFixed(3)).join(", ")}]`).join(", ");
      const rowSums = W.map((r) => r.reduce((a, b) => a + b, 0));
      const colSums = W[0].map((_, j) => W.reduce((a, r) => a + r[j], 0));
      return {
        prompt:
          `Scores (rows = queries, columns = keys): $${show(S)}$. An implementation returns the weights $${show(W)}$. ` +
          `Which implementation is it? ${variants.map((v, i) => `**${i + 1}**: ${v.label}`).join("; ")}. (Answer 1, 2 or 3.)`,
        expected: k + 1,
        mistakes: variants
          .map((v, i) => ({ v, i }))
          .filter(({ i }) => i !== k)
          .map(({ i }) => ({
            name: i === 0 ? "check only that the entries are between 0 and 1" : i === 1 ? "see sums of 1 without checking whether rows or columns sum to 1" : "judge by sharpness without checking the sums",
            value: i + 1,
          })),
        explanation:
          `Row sums: ${rowSums.map((v) => v.toFixed(3)).join(", ")}; column sums: ${colSums.map((v) => v.toFixed(3)).join(", ")}. ` +
          `Softmax over the keys makes every row sum to 1 and keeps the scores' contrast (row 0 correct: ${Array.from(softmax(tensor([S[0]])).data, (v) => v.toFixed(3)).join(", ")}); ` +
          `over the queries, the columns sum to 1 instead; applied twice, the rows still sum to 1 but are nearly uniform, because the second softmax sees inputs in $[0, 1]$. ` +
          `This is ${k + 1}: ${variants[k].label}.`,
      };
    },
  },
]);
