import { defineExercises } from "@qkv/quiz";

export default defineExercises([
  {
    id: "guessing-pays",
    kind: "numeric",
    tolerance: { abs: 1e-6 },
    generate(rng) {
      const p = [0.2, 0.25, 0.3, 0.4][rng.int(4)];
      const penalty = [0, 0.5, 1, 2][rng.int(4)];
      const expected = p - (1 - p) * penalty;
      return {
        prompt:
          `A benchmark scores +1 for a correct answer, −${penalty} for a wrong one and 0 for "I don't know". The model's best guess is right with probability ${p}. ` +
          `What is the expected score of guessing? (If it is above 0, the benchmark rewards hallucinating over abstaining.)`,
        expected,
        mistakes: [{ name: "forget the penalty for wrong answers", value: p }].filter((m) => Math.abs(m.value - expected) > 1e-6),
        explanation: `$${p}\\cdot 1 - ${(1 - p).toFixed(2)}\\cdot ${penalty} = ${expected.toFixed(3)}$ versus 0 for abstaining.`,
      };
    },
  },
  {
    id: "root-cause",
    kind: "multiple-choice",
    prompt: "Which statement best explains why a pre-trained LLM invents a plausible birth date for an obscure person?",
    choices: [
      { text: "Next-token training rewards likely-looking text; for a fact it barely saw, a well-formed date is the most likely continuation", correct: true, explanation: "Nothing in the objective prefers abstaining to a fluent guess." },
      { text: "The tokenizer cannot represent digits correctly", correct: false, explanation: "Tokenisation of numbers affects arithmetic, not this." },
      { text: "Temperature 0 decoding always hallucinates", correct: false, explanation: "Greedy decoding still states the mode of a flat distribution, but sampling is not the root cause." },
    ],
  },
]);
