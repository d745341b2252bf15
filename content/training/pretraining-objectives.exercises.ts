import { defineExercises } from "@qkv/quiz";

export default defineExercises([
  {
    id: "targets-per-sequence",
    kind: "numeric",
    tolerance: { abs: 0 },
    generate(rng) {
      const T = [128, 512, 2048][rng.int(3)];
      const clm = rng.uniform() < 0.5;
      return {
        prompt: clm
          ? `A causal LM trains on a sequence of ${T} tokens (inputs are tokens 1…${T - 1}, targets tokens 2…${T}). How many prediction targets does it get from one forward pass?`
          : `BERT-style MLM selects 15% of the ${T} positions (rounded to the nearest integer, as BERT's data pipeline does). How many prediction targets does the sequence give?`,
        expected: clm ? T - 1 : Math.round(0.15 * T),
        explanation: clm
          ? "With the causal mask every position predicts the next token: $T - 1$ targets from $T$ tokens."
          : `Only the selected positions are targets: $0.15 \\times ${T}$ rounded; the rest get the ignore index.`,
      };
    },
  },
  {
    id: "objective-matching",
    kind: "multiple-choice",
    prompt: "Which pairing of model and pre-training objective is correct?",
    choices: [
      { text: "T5 — span corruption with sentinel tokens", correct: true, explanation: "The encoder reads the corrupted text; the decoder outputs the dropped spans." },
      { text: "GPT-2 — masked language modelling", correct: false, explanation: "GPT-2 is a causal LM: next-token prediction." },
      { text: "BERT — next-token prediction", correct: false, explanation: "BERT uses masked LM (and NSP), bidirectionally." },
      { text: "LLaMA — span corruption", correct: false, explanation: "LLaMA is a decoder-only causal LM." },
    ],
  },
]);
