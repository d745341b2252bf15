import { defineExercises } from "@qkv/quiz";

export default defineExercises([
  {
    id: "crossover",
    kind: "numeric",
    tolerance: { abs: 0 },
    generate(rng) {
      const d = [256, 512, 768, 1024, 4096][rng.int(5)];
      // per-layer costs from the paper: self-attention n^2 d, recurrent n d^2; equal when n = d
      const costs = (n: number) => ({ attn: n * n * d, rnn: n * d * d });
      let n = 1;
      while (costs(n + 1).attn <= costs(n + 1).rnn) n++;
      return {
        prompt: `Using the per-layer costs $O(n^2 d)$ (self-attention) and $O(n d^2)$ (recurrent) with $d = ${d}$, up to which sequence length $n$ is self-attention no more expensive than the recurrent layer?`,
        expected: n,
        explanation: `$n^2 d \\le n d^2 \\iff n \\le d$, so up to $n = ${n}$. Sentence-level tasks had $n \\ll d$; long documents do not.`,
      };
    },
  },
  {
    id: "not-a-weakness",
    kind: "multiple-choice",
    prompt: "Which of these is **not** a weakness of self-attention?",
    choices: [
      { text: "Long-range dependencies require many sequential steps", correct: true, explanation: "False for attention: any two positions interact in a single layer. This is the RNN's weakness." },
      { text: "Compute and memory grow quadratically with sequence length", correct: false, explanation: "True: every query is scored against every key." },
      { text: "It has no built-in notion of token order", correct: false, explanation: "True: it is permutation-equivariant, so positional information must be injected." },
      { text: "The KV cache grows linearly with context during generation", correct: false, explanation: "True: every past token's keys and values are stored in every layer." },
    ],
  },
]);
