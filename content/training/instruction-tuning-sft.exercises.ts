import { defineExercises } from "@qkv/quiz";
import { crossEntropy, tensor, type Rng } from "@qkv/core";

const logitsRow = (rng: Rng, n: number): number[] => Array.from({ length: n }, () => Math.round((rng.uniform() * 4 - 2) * 10) / 10);

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
]);
