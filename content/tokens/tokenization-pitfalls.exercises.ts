import { defineExercises } from "@qkv/quiz";
import { bpeEncode, learnBpe } from "@qkv/core";

const TOK = learnBpe("the model reads the tokens the model writes ".repeat(30), { numMerges: 30 });

export default defineExercises([
  {
    id: "fertility-cost",
    kind: "numeric",
    tolerance: { rel: 1e-6 },
    generate(rng) {
      const words = [500, 1000, 2000][rng.int(3)];
      const fEn = 1.3, fOther = [2.5, 3.5, 5][rng.int(3)];
      return {
        prompt: `A tokenizer produces ${fEn} tokens per word for English and ${fOther} tokens per word for another language. How many times more does translating a ${words}-word document cost in that language (per-token pricing, same word count)?`,
        expected: fOther / fEn,
        mistakes: [{ name: "compare token counts instead of the ratio", value: words * (fOther - fEn) }],
        explanation: `Cost ∝ tokens = words × fertility: ${fOther}/${fEn} = ${(fOther / fEn).toFixed(3)}×. The same factor shortens the effective context.`,
      };
    },
  },
  {
    id: "unseen-word",
    kind: "numeric",
    tolerance: { abs: 0 },
    generate(rng) {
      const letters = "qzxjkv";
      const w = " " + Array.from({ length: 3 + rng.int(4) }, () => letters[rng.int(letters.length)]).join("");
      const n = bpeEncode(TOK, w).length;
      return {
        prompt: `A byte-level BPE was trained only on "the model reads the tokens the model writes". How many tokens does it produce for the unseen string ${JSON.stringify(w)} (no merges apply)?`,
        expected: n,
        mistakes: [{ name: "assume an unknown word becomes one [UNK] token", value: 1 }],
        explanation: `No merge covers these bytes, so each of the ${new TextEncoder().encode(w).length} bytes is its own token (core's \`bpeEncode\` gives ${n}): byte-level BPE never needs [UNK].`,
      };
    },
  },
  {
    id: "truncation-by-words",
    kind: "numeric",
    tolerance: { abs: 0 },
    generate(rng) {
      const ctx = [4096, 8192][rng.int(2)];
      const reserve = [512, 1024][rng.int(2)];
      const fertility = [2.5, 3, 4][rng.int(3)]; // tokens per word in the user's language
      const englishWordsPerToken = 0.75;
      const assumedWords = Math.floor((ctx - reserve) * englishWordsPerToken);
      const expected = Math.floor((ctx - reserve) / fertility);
      return {
        prompt:
          `An app caps user documents at ${assumedWords} words, computed as ${ctx - reserve} tokens of room (the ${ctx}-token window minus ${reserve} ` +
          `for the answer) × 0.75 English words per token. A user writes in a language the tokenizer splits into ${fertility} tokens per word. ` +
          `How many of their words actually fit?`,
        expected,
        mistakes: [
          { name: "keep the English rule of thumb", value: assumedWords },
          { name: "multiply by the fertility instead of dividing", value: Math.floor((ctx - reserve) * fertility) },
        ],
        explanation:
          `Words that fit = room ÷ tokens per word = ${ctx - reserve} / ${fertility} = ${expected}, not ${assumedWords}: the word cap lets ` +
          `${((assumedWords * fertility) / (ctx - reserve)).toFixed(1)}× too much text through, which then overflows or is silently truncated. Count tokens with the model's tokenizer instead.`,
      };
    },
  },
]);
