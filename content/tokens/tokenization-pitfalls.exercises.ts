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
]);
