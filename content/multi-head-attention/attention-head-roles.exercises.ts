import { defineExercises } from "@qkv/quiz";

const SYMBOLS = ["A", "B", "C", "D", "E", "F"];

export default defineExercises([
  {
    id: "induction-target",
    kind: "numeric",
    tolerance: { abs: 0 },
    generate(rng) {
      // A sequence whose last token occurred exactly once before, not at position 0's end
      const n = 6 + rng.int(3);
      const seq = Array.from({ length: n - 1 }, (_, i) => SYMBOLS[i % SYMBOLS.length]);
      for (let i = seq.length - 1; i > 0; i--) { const j = rng.int(i + 1); [seq[i], seq[j]] = [seq[j], seq[i]]; }
      const k = rng.int(seq.length - 1); // repeat a token that has a successor
      seq.push(seq[k]);
      const t = seq.length - 1;
      const target = seq.findIndex((_, j) => j > 0 && j < t && seq[j - 1] === seq[t]);
      return {
        prompt: `The sequence is ${seq.map((s, i) => `${i}:${s}`).join(" ")}. At the last position, which position (0-based) does an ideal induction head attend to?`,
        expected: target,
        mistakes: [{ name: "attend to the earlier occurrence of the same token instead of the token after it", value: target - 1 }],
        explanation: `The current token ${seq[t]} appeared at position ${target - 1}; the induction head attends to the position after it (${target}, token ${seq[target]}) and copies it as the prediction.`,
      };
    },
  },
  {
    id: "sink",
    kind: "multiple-choice",
    prompt: "Many heads put most of their weight on the first token (BOS). What is the usual interpretation?",
    choices: [
      { text: "An attention sink: softmax weights must sum to 1, so a head with nothing useful to do parks them on a token whose value contributes little", correct: true, explanation: "It is a way to do approximately nothing." },
      { text: "The first token carries the meaning of the whole sentence", correct: false, explanation: "In a causal model BOS sees nothing but itself." },
      { text: "The positional encoding of position 0 is largest", correct: false, explanation: "Sinks also appear with RoPE, which has no position vector." },
    ],
  },
]);
