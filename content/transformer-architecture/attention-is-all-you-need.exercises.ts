import { defineExercises } from "@qkv/quiz";
import { add, multiHeadAttention, randn, Rng, sinusoidalEncoding, tensor, type Tensor } from "@qkv/core";


// "Which bug": encode "dog bites man" and "man bites dog" (the same 3 token vectors, first and last swapped) with
// one self-attention layer, with and without positional encodings, and compare the outputs computed by core.
const wordRng = new Rng(17);
const wordW = { W_Q: randn([8, 8], wordRng, 0.4), W_K: randn([8, 8], wordRng, 0.4), W_V: randn([8, 8], wordRng, 0.4), W_O: randn([8, 8], wordRng, 0.4) };
const dog = randn([8], wordRng), bites = randn([8], wordRng), man = randn([8], wordRng);
const sentence = (words: Tensor[]) => tensor(words.map((w) => Array.from(w.data))); // (3, 8)
const encode = (x: Tensor) => multiHeadAttention(x, x, wordW, { numHeads: 2 }).output;
const withPositions = (x: Tensor) => add(x, sinusoidalEncoding([0, 1, 2], 8));
/** Largest difference between the output for "dog" in the first sentence and for "dog" in the second. */
const dogDiff = (f: (x: Tensor) => Tensor) => {
  const a = f(sentence([dog, bites, man])).data, b = f(sentence([man, bites, dog])).data;
  return Math.max(...Array.from({ length: 8 }, (_, c) => Math.abs(a[c] - b[2 * 8 + c])));
};
const noPe = dogDiff((x) => encode(x)), withPe = dogDiff((x) => encode(withPositions(x)));

export default defineExercises([
  {
    id: "what-was-removed",
    kind: "multiple-choice",
    prompt: "Relative to the best translation models of 2017, what did the Transformer remove?",
    choices: [
      { text: "Recurrence and convolutions: all mixing between positions is done by attention", correct: true, explanation: "Position-wise FFNs, residuals, norms and embeddings remain, but only attention mixes tokens." },
      { text: "The attention mechanism, replacing it with feed-forward layers", correct: false, explanation: "The opposite: attention became the *only* way tokens interact." },
      { text: "The encoder–decoder structure", correct: false, explanation: "The original Transformer is an encoder–decoder; decoder-only variants came later." },
      { text: "Word embeddings", correct: false, explanation: "Tokens are still embedded; positional encodings are added on top." },
    ],
  },
  {
    id: "parallel-training",
    kind: "multiple-choice",
    prompt: "Why does a Transformer decoder train faster than an LSTM decoder on the same data?",
    choices: [
      { text: "With teacher forcing and a causal mask, all target positions are computed in one parallel pass", correct: true, explanation: "An LSTM must compute $h_t$ after $h_{t-1}$; attention is a few matrix products over all positions." },
      { text: "It has fewer parameters", correct: false, explanation: "Speed comes from parallelism, not size; Transformers are often larger." },
      { text: "It does not need to generate tokens one at a time at inference", correct: false, explanation: "Autoregressive inference is still sequential; the gain is in training." },
      { text: "Attention costs $O(T)$ instead of $O(T^2)$", correct: false, explanation: "Self-attention is quadratic in $T$; it is parallel, not cheaper per sequence." },
    ],
  },
  {
    id: "recall-path-length",
    kind: "recall",
    prompt: "Maximum path length between two tokens: self-attention layer vs recurrent layer?",
    answer: "$O(1)$ for self-attention (every pair interacts directly) versus $O(T)$ for a recurrent layer.",
  },

  {
    id: "which-order-bug",
    kind: "multiple-choice",
    prompt:
      `Your Transformer encoder cannot tell "dog bites man" from "man bites dog": in a test, the output vector of *dog* in the first sentence and of *dog* in the second differ by at most ${noPe.toExponential(1)}, ` +
      `and the other words' outputs are likewise just permuted. What is missing?`,
    choices: [
      {
        text: "Positional encodings: without them self-attention is permutation-equivariant, so word order cannot affect any token's output.",
        correct: true,
        explanation: `Attention mixes an unordered set of vectors. Adding sinusoidal encodings before the same layer makes *dog*'s output differ by ${withPe.toFixed(3)} between the two sentences.`,
      },
      {
        text: "The causal mask.",
        correct: false,
        explanation: "An encoder is bidirectional by design; a causal mask would make outputs order-dependent, but for the wrong reason (and the decoder, not the encoder, needs it).",
      },
      {
        text: "More attention heads.",
        correct: false,
        explanation: "Every head is permutation-equivariant in the same way; more heads cannot recover order.",
      },
      {
        text: "A recurrent layer: the Transformer cannot represent order at all.",
        correct: false,
        explanation: "Order is injected by positional information (sinusoidal, learned, relative or rotary), not recurrence.",
      },
    ],
  },
]);
