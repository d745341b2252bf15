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
]);
