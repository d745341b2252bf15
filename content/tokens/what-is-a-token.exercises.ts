import { defineExercises } from "@qkv/quiz";

export default defineExercises([
  {
    id: "context-words",
    kind: "numeric",
    tolerance: { rel: 1e-6 },
    generate(rng) {
      const ctx = [4096, 8192, 32768, 128000][rng.int(4)];
      const reserved = [0, 1000, 2000][rng.int(3)];
      const words = (ctx - reserved) * 0.75;
      return {
        prompt: `A model has a ${ctx}-token context and you reserve ${reserved} tokens for the answer. At about 0.75 English words per token, roughly how many words of input fit?`,
        expected: words,
        mistakes: [{ name: "divide by 0.75 instead of multiplying (tokens per word inverted)", value: (ctx - reserved) / 0.75 }],
        explanation: `(${ctx} − ${reserved}) tokens × 0.75 words/token ≈ ${words} words.`,
      };
    },
  },
  {
    id: "tradeoff",
    kind: "multiple-choice",
    prompt: "Why do LLMs use subword tokens rather than characters?",
    choices: [
      { text: "Character sequences are several times longer, and attention cost grows with the square of the length", correct: true, explanation: "Subwords balance vocabulary size against sequence length." },
      { text: "Characters cannot represent all text", correct: false, explanation: "Bytes represent everything; they are just long." },
      { text: "Subwords remove the need for an embedding table", correct: false, explanation: "Every vocabulary needs one." },
    ],
  },
  {
    id: "character-level-attention-cost",
    kind: "numeric",
    tolerance: { rel: 1e-3 },
    generate(rng) {
      const charsPerWord = [5, 5.5, 6][rng.int(3)]; // letters plus the following space
      const tokensPerWord = [1.3, 1.4, 1.5][rng.int(3)]; // a subword tokenizer on the same text
      const words = [500, 1000, 2000][rng.int(3)];
      const ratio = ((charsPerWord * words) / (tokensPerWord * words)) ** 2;
      return {
        prompt:
          `A ${words}-word English document averages ${charsPerWord} characters per word (spaces included) and ${tokensPerWord} subword tokens per word. ` +
          `By what factor does the attention-score computation ($QK^\\top$, one layer) grow if the model reads characters instead of subword tokens?`,
        expected: ratio,
        mistakes: [
          { name: "scale linearly with the sequence length instead of quadratically", value: charsPerWord / tokensPerWord },
          { name: "compare characters with words instead of with tokens", value: charsPerWord ** 2 },
        ],
        explanation:
          `The sequence grows by ${charsPerWord}/${tokensPerWord} = ${(charsPerWord / tokensPerWord).toFixed(3)}×, and $QK^\\top$ costs $O(T^2 d)$, ` +
          `so ${(charsPerWord / tokensPerWord).toFixed(3)}² = ${ratio.toFixed(2)}×; the number of words (${words}) cancels. Per-token costs (FFN, projections) grow only linearly.`,
      };
    },
  },
]);
