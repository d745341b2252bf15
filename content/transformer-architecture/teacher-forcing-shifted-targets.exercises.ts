import { defineExercises } from "@qkv/quiz";
import { crossEntropy, tensor } from "@qkv/core";


// "Which bug": a model that has learned to echo the token it reads, scored against shifted and unshifted labels.
const echoTokens = [5, 2, 7, 1, 3, 6, 0, 4];
const V8 = 8;
/** Logits that put almost all mass on the current input token (what a model learns when it can see its label). */
const echoLogits = echoTokens.slice(0, -1).map((t) => Array.from({ length: V8 }, (_, v) => (v === t ? 8 : 0)));
const alignedLoss = crossEntropy(tensor(echoLogits), tensor(echoTokens.slice(0, -1))).mean; // labels = inputs
const shiftedLoss = crossEntropy(tensor(echoLogits), tensor(echoTokens.slice(1))).mean; // labels = next tokens

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

  {
    id: "which-label-bug",
    kind: "multiple-choice",
    prompt:
      `A decoder-only LM's training loss falls to ${alignedLoss.toFixed(4)} nats within a few hundred steps, far below anything plausible for text, and at generation it just repeats the last prompt token. ` +
      `The logits it produces on inputs \`[${echoTokens.slice(0, -1).join(", ")}]\` peak at the input token itself at every position. What is the bug?`,
    choices: [
      {
        text: "The labels are the inputs themselves (no shift), so each position is trained to output the token it already sees.",
        correct: true,
        explanation: `An echo model gets loss ${alignedLoss.toFixed(4)} against unshifted labels and ${shiftedLoss.toFixed(4)} against the correct labels \`tokens[1:]\`: the near-zero loss measures copying, not prediction.`,
      },
      {
        text: "The causal mask is missing.",
        correct: false,
        explanation: "Without the mask the model would copy the *next* input token (its label), which also gives a tiny loss, but its logits would peak at the next token, not the current one.",
      },
      {
        text: "The learning rate is too high.",
        correct: false,
        explanation: "A too-high rate gives spikes or divergence, not a smooth fall to a near-zero loss.",
      },
      {
        text: "Padding tokens are counted in the loss.",
        correct: false,
        explanation: "Counting easy padding positions lowers the loss somewhat, but cannot make the model echo its input.",
      },
    ],
  },
]);
