import { defineExercises } from "@qkv/quiz";
import { Rng, crossEntropy, randn } from "@qkv/core";

export default defineExercises([
  {
    id: "counted-tokens",
    kind: "numeric",
    tolerance: { abs: 0 },
    generate(rng) {
      const lens = [3 + rng.int(4), 3 + rng.int(4)];
      const T = Math.max(...lens) + 1;
      const V = 6;
      const targets = lens.flatMap((n) => Array.from({ length: T }, (_, t) => (t < n ? rng.int(V) : -100)));
      const logits = randn([targets.length, V], new Rng(rng.int(1e6)));
      const right = crossEntropy(logits, targets);
      const wrong = crossEntropy(logits, targets.map((t) => (t === -100 ? 0 : t))); // pads scored as token 0
      return {
        prompt:
          `A batch of 2 sequences is right-padded to ${T} positions; their real target lengths are ${lens.join(" and ")}, and pad positions get target $-100$ (ignored). ` +
          `Over how many tokens does the cross-entropy average?`,
        expected: right.numCounted,
        mistakes: [{ name: "count the pad positions too", value: 2 * T }],
        explanation: `Only real targets count: ${lens.join(" + ")} = ${right.numCounted} (core's \`crossEntropy\` reports numCounted = ${right.numCounted}). Scoring the pads as token 0 would change the loss from ${right.mean.toFixed(4)} to ${wrong.mean.toFixed(4)} on these seeded logits.`,
      };
    },
  },
  {
    id: "left-padding",
    kind: "multiple-choice",
    prompt: "Why do decoder-only models use *left* padding for batched generation?",
    choices: [
      { text: "New tokens are appended at the right; with right padding they would follow pad tokens instead of the prompt", correct: true, explanation: "Left padding keeps every prompt's last real token at the end (with matching position ids)." },
      { text: "Because the causal mask only works on the left", correct: false, explanation: "The mask is the same; the problem is where generated tokens go." },
      { text: "Left padding makes pad tokens count in the loss", correct: false, explanation: "Generation has no loss; and pads should never count." },
    ],
  },
]);
