import { defineExercises } from "@qkv/quiz";

export default defineExercises([
  {
    id: "path-length",
    kind: "numeric",
    tolerance: { abs: 0 },
    generate(rng) {
      const i = 1 + rng.int(50);
      const j = i + 1 + rng.int(200);
      const rnn = rng.uniform() < 0.5;
      return {
        prompt: `How many sequential steps does information from token ${i} need to reach token ${j} in ${rnn ? "a unidirectional RNN" : "one self-attention layer"}?`,
        expected: rnn ? j - i : 1,
        explanation: rnn
          ? `The recurrent state must be updated once per position in between: $${j} - ${i}$ steps.`
          : "Every pair of positions is connected directly by one attention weight.",
      };
    },
  },
  {
    id: "bottleneck",
    kind: "multiple-choice",
    prompt: "What was the \"bottleneck\" problem that attention (Bahdanau et al.) solved in RNN encoder–decoders?",
    choices: [
      {
        text: "The whole source sentence had to be compressed into one fixed-size context vector, so long inputs lost information.",
        correct: true,
        explanation: "With attention, each decoder step reads a fresh weighted sum of all encoder states.",
      },
      {
        text: "The vocabulary was too large for the output softmax.",
        correct: false,
        explanation: "Large vocabularies are a cost issue addressed by subwords and sampled softmax, not by attention.",
      },
      {
        text: "RNNs could not process variable-length inputs.",
        correct: false,
        explanation: "RNNs handle any length; the problem was summarising it in a single vector.",
      },
      {
        text: "Training required labelled alignments between source and target words.",
        correct: false,
        explanation: "Attention learns soft alignments without alignment labels.",
      },
    ],
  },
]);
