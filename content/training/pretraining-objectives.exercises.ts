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

  {
    id: "span-corruption-lengths",
    kind: "numeric",
    tolerance: { abs: 0 },
    generate(rng) {
      const T = [256, 512, 1024][rng.int(3)], meanSpan = [3, 8][rng.int(2)];
      const noise = Math.round(0.15 * T), spans = Math.round(noise / meanSpan);
      const target = noise + spans + 1; // each span's sentinel, its tokens, and a closing sentinel
      return {
        prompt:
          `T5-style span corruption on a sequence of ${T} tokens: 15% of the tokens (rounded) are dropped in spans of mean length ${meanSpan} (span count rounded), ` +
          `each span is replaced by one sentinel in the input, and the target lists each sentinel followed by its dropped tokens, plus one closing sentinel. How long is the target?`,
        expected: target,
        mistakes: [
          { name: "count only the dropped tokens", value: noise },
          { name: "reconstruct the whole input, BART-style", value: T },
          { name: "give the corrupted input's length", value: T - noise + spans },
        ].filter((m) => m.value !== target),
        explanation: `${noise} dropped tokens in ${spans} spans: ${noise} + ${spans} sentinels + 1 closing sentinel = ${target} target tokens, against ${T - noise + spans} input tokens. The decoder's work is a fraction of a full reconstruction, which is why span corruption is cheap; longer spans mean fewer sentinels.`,
      };
    },
  },
]);
