import { defineExercises } from "@qkv/quiz";

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
]);
