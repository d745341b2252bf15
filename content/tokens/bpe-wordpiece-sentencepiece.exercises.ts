import { defineExercises } from "@qkv/quiz";

export default defineExercises([
  {
    id: "wordpiece-vs-bpe",
    kind: "numeric",
    tolerance: { abs: 0 },
    generate(rng) {
      // Two candidate pairs: pair 0 is more frequent, pair 1 has parts that rarely occur apart
      const c0 = 80 + rng.int(40), a0 = 400 + rng.int(200), b0 = 300 + rng.int(200);
      const c1 = 20 + rng.int(20), a1 = c1 + rng.int(10), b1 = c1 + rng.int(10);
      const s0 = c0 / (a0 * b0), s1 = c1 / (a1 * b1);
      const wp = s1 > s0 ? 1 : 0, bpe = c0 > c1 ? 0 : 1;
      return {
        prompt:
          `Pair 0 occurs ${c0} times; its parts occur ${a0} and ${b0} times. Pair 1 occurs ${c1} times; its parts occur ${a1} and ${b1} times. ` +
          `Which pair (0 or 1) does WordPiece merge first, using score $\\mathrm{count}(ab)/(\\mathrm{count}(a)\\,\\mathrm{count}(b))$?`,
        expected: wp,
        mistakes: wp === bpe ? [] : [{ name: "pick the most frequent pair, as BPE does", value: bpe }],
        explanation: `Scores: pair 0 ${s0.toExponential(2)}, pair 1 ${s1.toExponential(2)}. WordPiece prefers pairs whose parts rarely appear apart; BPE would take the more frequent pair ${bpe}.`,
      };
    },
  },
  {
    id: "sentencepiece",
    kind: "multiple-choice",
    prompt: "Which statement about SentencePiece is correct?",
    choices: [
      { text: "It is a library that runs BPE or Unigram on raw text, treating the space as a symbol (▁), so no pre-tokenizer is needed", correct: true, explanation: "That is why it suits languages without spaces." },
      { text: "It is a third merge algorithm, different from BPE and Unigram", correct: false, explanation: "It implements those algorithms." },
      { text: "It requires splitting text into words first", correct: false, explanation: "Not needing a word splitter is its point." },
    ],
  },
]);
