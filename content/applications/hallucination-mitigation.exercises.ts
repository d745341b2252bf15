import { defineExercises } from "@qkv/quiz";

export default defineExercises([
  {
    id: "metric-trap",
    kind: "numeric",
    tolerance: { abs: 1e-6 },
    generate(rng) {
      const answerable = [60, 70, 80][rng.int(3)];
      const unans = 100 - answerable;
      const correct = Math.floor(answerable * [0.6, 0.7, 0.8][rng.int(3)]);
      const abstainOnUnans = Math.floor(unans * [0.25, 0.5, 0.75][rng.int(3)]);
      const wrong = answerable - correct; // the model never abstains on answerable questions
      const hallucinated = wrong + (unans - abstainOnUnans);
      return {
        prompt:
          `On ${answerable} answerable questions the assistant is right ${correct} times and wrong otherwise (it never abstains there); on ${unans} unanswerable ones it correctly ` +
          `says "not found" ${abstainOnUnans} times and invents an answer otherwise. What fraction of all its *non-abstaining* answers are hallucinated (wrong or invented)?`,
        expected: hallucinated / (100 - abstainOnUnans),
        mistakes: [{ name: "divide by all 100 questions, counting abstentions as answers", value: hallucinated / 100 }],
        explanation: `Answers given: ${100 - abstainOnUnans}; hallucinated: ${wrong} wrong + ${unans - abstainOnUnans} invented = ${hallucinated}; rate ${(hallucinated / (100 - abstainOnUnans)).toFixed(3)}.`,
      };
    },
  },
  {
    id: "best-lever",
    kind: "multiple-choice",
    prompt: "A support bot invents product specifications. Which single change most directly reduces this?",
    choices: [
      { text: "Retrieve the product's spec sheet into the prompt and require answers to cite it, with an explicit \"not found\" option", correct: true, explanation: "Grounding replaces recall of rare facts by reading them." },
      { text: "Raise the temperature so the model explores more answers", correct: false, explanation: "More randomness produces more unsupported tokens, not fewer." },
      { text: "Fine-tune on a large set of new product facts the model has never seen", correct: false, explanation: "Teaching new facts by fine-tuning is slow and has been shown to increase hallucination of other facts." },
    ],
  },
]);
