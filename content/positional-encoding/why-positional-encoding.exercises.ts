import { defineExercises } from "@qkv/quiz";

export default defineExercises([
  {
    id: "permute-inputs",
    kind: "multiple-choice",
    prompt: "You shuffle the tokens of a sentence and feed them to an encoder *without* positional encodings. What happens to the output vectors?",
    choices: [
      { text: "They are the same vectors, shuffled in the same way", correct: true, explanation: "Self-attention, the FFN and LayerNorm are permutation-equivariant: $f(PX) = Pf(X)$." },
      { text: "They change unpredictably", correct: false, explanation: "Nothing in the stack depends on the order of rows, so the only change is the permutation itself." },
      { text: "They are all identical", correct: false, explanation: "Different tokens still get different vectors; only their order carries no information." },
      { text: "The model fails with a shape error", correct: false, explanation: "Shapes do not change under permutation." },
    ],
  },
  {
    id: "decoder-nope",
    kind: "multiple-choice",
    prompt: "Why can a *decoder-only* model without any positional encoding (NoPE) still learn some positional information?",
    choices: [
      { text: "The causal mask makes each position see a different number of tokens, which breaks the permutation symmetry", correct: true, explanation: "Position $t$ attends over $t+1$ keys, so e.g. uniform attention yields signals that depend on $t$." },
      { text: "The embedding table stores positions", correct: false, explanation: "The token table is indexed by token id, not by position." },
      { text: "Softmax is order-sensitive", correct: false, explanation: "Softmax over a set of scores is permutation-equivariant." },
      { text: "It cannot; such models only work with positional encodings", correct: false, explanation: "NoPE decoders do train and learn position implicitly, though encoders cannot." },
    ],
  },
  {
    id: "recall-equivariance",
    kind: "recall",
    prompt: "Write the permutation property of self-attention without positional information.",
    answer: "For any permutation matrix $P$: $\\mathrm{Attn}(PX) = P\\,\\mathrm{Attn}(X)$ — permutation-equivariant, so order is invisible without position signals.",
  },
]);
