import { defineExercises } from "@qkv/quiz";
import { crossEntropy, tensor } from "@qkv/core";

export default defineExercises([
  {
    id: "shift",
    kind: "multiple-choice",
    prompt: "Target sentence `[y1, y2, y3, EOS]`. What are the decoder inputs under teacher forcing?",
    choices: [
      { text: "`[BOS, y1, y2, y3]`", correct: true, explanation: "Inputs are the targets shifted right by one, so position $t$ predicts $y_{t+1}$ from $y_{\\le t}$." },
      { text: "`[y1, y2, y3, EOS]`", correct: false, explanation: "Feeding the labels themselves lets each position read the token it must predict (with the diagonal visible)." },
      { text: "`[y2, y3, EOS, PAD]`", correct: false, explanation: "That is a left shift: the model would be asked to predict tokens it has already seen." },
      { text: "The model's own previous samples", correct: false, explanation: "That is free-running generation (or scheduled sampling), not teacher forcing." },
    ],
  },
  {
    id: "mean-loss",
    kind: "numeric",
    tolerance: { abs: 5e-4 },
    generate(rng) {
      const T = 2 + rng.int(3), V = 4;
      const logits = Array.from({ length: T }, () => Array.from({ length: V }, () => Math.round((rng.uniform() * 4 - 2) * 10) / 10));
      const targets = Array.from({ length: T }, () => rng.int(V));
      const loss = crossEntropy(tensor(logits), targets).mean;
      return {
        prompt:
          `A teacher-forced decoder outputs logits ${JSON.stringify(logits)} (one row per position, vocabulary of 4) for labels ` +
          `$[${targets.join(", ")}]$. What is the mean cross-entropy loss (natural log)? (4 decimals)`,
        expected: loss,
        mistakes: [
          { name: "sum over positions instead of averaging", value: loss * T },
          { name: "use log\u2082 instead of the natural log", value: loss / Math.LN2 },
        ],
        explanation: `Average over positions of $-\\log\\mathrm{softmax}(z_t)_{y_t}$: ${loss.toFixed(4)}. All positions are scored in one forward pass.`,
      };
    },
  },
  {
    id: "exposure-bias",
    kind: "recall",
    prompt: "What is exposure bias?",
    answer: "Under teacher forcing the model only ever conditions on ground-truth prefixes; at generation it conditions on its own outputs, so early mistakes put it in states never seen in training and errors can compound.",
  },
]);
