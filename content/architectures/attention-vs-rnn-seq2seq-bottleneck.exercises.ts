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

  {
    id: "sequential-depth",
    kind: "numeric",
    tolerance: { abs: 0 },
    generate(rng) {
      const T = [16, 100, 512][rng.int(3)], L = [2, 4, 6][rng.int(3)];
      return {
        prompt:
          `With unlimited parallel hardware, what is the smallest number of *sequential* steps needed to run a stack of ${L} RNN layers over a sequence of ${T} tokens ` +
          `(one step = one cell update $h^{(l)}_t = f(h^{(l)}_{t-1}, h^{(l-1)}_t)$, any number of independent updates per step)? ` +
          `Compare with the ${L} steps of a ${L}-layer Transformer encoder.`,
        expected: T + L - 1,
        mistakes: [
          { name: "run the layers one after the other (T \u00d7 L)", value: T * L },
          { name: "forget that the layers add steps (T)", value: T },
        ],
        explanation: `Cell $(l, t)$ needs $(l, t-1)$ and $(l-1, t)$, so it can run at step $l + t - 1$: a diagonal wavefront that finishes after $T + L - 1 = ${T + L - 1}$ steps. Still linear in $T$; a Transformer layer updates all ${T} positions in one step.`,
      };
    },
  },
]);
