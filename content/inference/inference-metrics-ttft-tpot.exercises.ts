import { defineExercises } from "@qkv/quiz";

export default defineExercises([
  {
    id: "end-to-end",
    kind: "numeric",
    tolerance: { rel: 1e-3 },
    generate(rng) {
      const ttft = [150, 300, 800][rng.int(3)];
      const tpot = [15, 25, 40][rng.int(3)];
      const n = [100, 250, 500][rng.int(3)];
      const total = ttft + (n - 1) * tpot;
      return {
        prompt: `A request sees TTFT = ${ttft} ms and TPOT = ${tpot} ms and generates ${n} tokens. What is its end-to-end latency in ms?`,
        expected: total,
        mistakes: [
          { name: "count TPOT for every token including the first", value: ttft + n * tpot },
          { name: "leave out the time to first token", value: n * tpot },
        ],
        explanation: `The first token arrives at TTFT; the other ${n - 1} each take one TPOT: ${ttft} + ${n - 1}·${tpot} = ${total} ms.`,
      };
    },
  },
  {
    id: "which-metric",
    kind: "multiple-choice",
    prompt: "Users complain that answers take long to *start*, although they then stream quickly. Which metric is bad, and which phase dominates it?",
    choices: [
      { text: "TTFT: queueing plus prefill of the (long) prompt", correct: true, explanation: "Streaming speed is TPOT; the wait before the first token is queueing + prefill." },
      { text: "TPOT: the decode steps are memory-bound", correct: false, explanation: "TPOT sets the streaming speed, which is fine here." },
      { text: "Throughput: the GPU is underused", correct: false, explanation: "Throughput is an aggregate; it does not say when a single answer starts." },
    ],
  },
]);
