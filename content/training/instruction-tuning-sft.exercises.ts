import { defineExercises } from "@qkv/quiz";
import { crossEntropy, tensor, type Rng } from "@qkv/core";

const logitsRow = (rng: Rng, n: number): number[] => Array.from({ length: n }, () => Math.round((rng.uniform() * 4 - 2) * 10) / 10);


// "Which bug": the labels a collator builds for one chat example, checked with core's crossEntropy (numCounted).
// Sequence: 6 prompt tokens, 4 response tokens, then the end-of-turn token (id 9); next-token targets of positions 0..10.
const chat = [3, 7, 1, 4, 4, 2, 5, 6, 8, 5, 9, 0]; // the last id is padding after the end-of-turn token
const chatTargets = chat.slice(1);
const labelsWith = (keep: (t: number) => boolean) => chatTargets.map((id, t) => (keep(t) ? id : -100));
const promptEnd = 5; // targets 0..4 are prompt tokens; 5..8 the response; 9 the end-of-turn; 10 padding
const uniformLogits = chatTargets.map(() => Array.from({ length: 10 }, () => 0));
const counted = (labels: number[]) => crossEntropy(tensor(uniformLogits), tensor(labels)).numCounted;
const eotMasked = labelsWith((t) => t >= promptEnd && t < promptEnd + 4);

export default defineExercises([
  {
    id: "masked-sft-loss",
    kind: "numeric",
    tolerance: { abs: 1e-3 },
    generate(rng) {
      const N = 5, V = 3;
      const promptLen = 2 + rng.int(2);
      const logits = Array.from({ length: N }, () => logitsRow(rng, V));
      const targets = Array.from({ length: N }, () => rng.int(V));
      const masked = targets.map((t, i) => (i < promptLen ? -100 : t));
      const r = crossEntropy(tensor(logits), tensor(masked));
      return {
        prompt:
          `An SFT example has ${N} next-token positions; the first ${promptLen} predict prompt tokens and are masked with ignore index $-100$. ` +
          `Logits $${JSON.stringify(logits)}$, targets $[${targets.join(", ")}]$. What is the mean loss over the response tokens?`,
        expected: r.mean,
        mistakes: [
          { name: "average over every position, the masked prompt ones included", value: crossEntropy(tensor(logits), tensor(targets)).mean },
        ],
        explanation: `Only positions ${promptLen + 1}–${N} count: average $-\\log\\mathrm{softmax}(z_i)[t_i]$ over those ${N - promptLen} positions (they are both the numerator terms and the denominator).`,
      };
    },
  },
  {
    id: "what-sft-teaches",
    kind: "multiple-choice",
    prompt: "Which is the most accurate description of what supervised instruction tuning mainly teaches a pre-trained model?",
    choices: [
      {
        text: "The format and behaviour of an assistant (follow instructions, use the chat template, stop at the end-of-turn token); most knowledge comes from pre-training.",
        correct: true,
        explanation: "A small, high-quality SFT set (e.g. LIMA's ~1,000 examples) already yields a capable assistant.",
      },
      {
        text: "Large amounts of new factual knowledge.",
        correct: false,
        explanation: "SFT adds little knowledge; fine-tuning on unfamiliar facts can even increase hallucination.",
      },
      {
        text: "Preferences between two acceptable answers.",
        correct: false,
        explanation: "Preference learning is what RLHF and DPO add on top of SFT.",
      },
      {
        text: "A new architecture with an instruction encoder.",
        correct: false,
        explanation: "SFT keeps the architecture and the next-token loss; only the data changes.",
      },
    ],
  },

  {
    id: "which-label-bug",
    kind: "multiple-choice",
    prompt:
      `After SFT, the assistant answers well but never stops: it runs on into a new user turn until the length limit. For an example with a 4-token response followed by the end-of-turn token, ` +
      `the collator's labels are \`[${eotMasked.join(", ")}]\`, and the loss counts ${counted(eotMasked)} target(s). What is the bug?`,
    choices: [
      {
        text: "The end-of-turn token is masked out of the targets, so the model is never trained to emit it.",
        correct: true,
        explanation: `Only the 4 response tokens count. The correct labels \`[${labelsWith((t) => t >= promptEnd && t <= promptEnd + 4).join(", ")}]\` count ${counted(labelsWith((t) => t >= promptEnd && t <= promptEnd + 4))}: the response plus the end-of-turn token that teaches the model to stop.`,
      },
      {
        text: "The prompt tokens are not masked.",
        correct: false,
        explanation: `Unmasked prompts would raise the count to ${counted(labelsWith((t) => t <= promptEnd + 4))} and waste capacity on user turns, but these labels mask them correctly.`,
      },
      {
        text: "The padding token is counted in the loss.",
        correct: false,
        explanation: "The padding target is $-100$ here, ignored like the prompt.",
      },
    ],
  },
]);
