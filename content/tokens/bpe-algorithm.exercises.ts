import { defineExercises } from "@qkv/quiz";
import { learnBpe } from "@qkv/core";

export default defineExercises([
  {
    id: "first-merge-count",
    kind: "numeric",
    tolerance: { abs: 0 },
    generate(rng) {
      const words = ["ab", "abc", "bc", "ca", "bca", "cab"];
      const counts = words.map(() => 1 + rng.int(6));
      // One chunk (no pre-tokenisation): the newline separators are ordinary bytes and pairs may include them.
      const text = words.map((w, i) => Array(counts[i]).fill(w).join("\n")).join("\n");
      const tok = learnBpe(text, { numMerges: 1, minFrequency: 1, pretokenizer: "none" });
      const m = tok.merges[0];
      return {
        prompt:
          `A corpus holds these words with counts: ${words.map((w, i) => `"${w}"×${counts[i]}`).join(", ")}, written one word per line ` +
          `(the newline is an ordinary symbol). Counting adjacent symbol pairs over the whole text, how often does the most frequent pair occur?`,
        expected: m.count,
        explanation: `The most frequent pair is ${JSON.stringify(m.display)} with ${m.count} occurrences; BPE's first merge creates that token. Pairs with the newline count too, which is why real tokenizers pre-tokenize so merges never cross word boundaries.`,
      };
    },
  },
  {
    id: "encode-order",
    kind: "multiple-choice",
    prompt: "A trained BPE tokenizer encodes a new word. In which order are merges applied?",
    choices: [
      { text: "In the order they were learned (lowest rank first), repeatedly, until none applies", correct: true, explanation: "Encoding replays the training procedure deterministically." },
      { text: "Longest vocabulary match from the left", correct: false, explanation: "That is WordPiece's greedy encoding, not BPE's." },
      { text: "The segmentation with the highest unigram probability", correct: false, explanation: "That is the Unigram LM tokenizer (Viterbi decoding)." },
      { text: "Most frequent pair in the new word first", correct: false, explanation: "Frequencies in the new text are irrelevant; only the learned merge ranks matter." },
    ],
  },
  {
    id: "vocab-size",
    kind: "numeric",
    tolerance: { abs: 0 },
    generate(rng) {
      const merges = 3 + rng.int(18);
      const tok = learnBpe("the cat sat on the mat and the rat ate the hat ".repeat(20), { numMerges: merges, minFrequency: 1 });
      return {
        prompt: `A byte-level BPE tokenizer (256 base bytes, no special tokens) learned ${tok.merges.length} merges. How large is its vocabulary?`,
        expected: tok.vocab.length,
        mistakes: [
          { name: "forget the 256 base bytes (count only the merges)", value: tok.merges.length },
        ],
        explanation: `Each merge adds exactly one token: $256 + ${tok.merges.length} = ${tok.vocab.length}$.`,
      };
    },
  },
  {
    id: "recall-bpe",
    kind: "recall",
    prompt: "State the BPE training loop in two lines and what the tokenizer stores.",
    answer: "Start from characters/bytes; repeatedly count adjacent pairs (weighted by word frequency) and merge the most frequent into a new symbol. It stores the vocabulary and the ordered merge list.",
  },
]);
