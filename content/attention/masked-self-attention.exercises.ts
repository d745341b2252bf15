import { defineExercises } from "@qkv/quiz";

export default defineExercises([
  {
    id: "where-masked",
    kind: "multiple-choice",
    prompt: "In an encoder–decoder Transformer, which attention sub-layers use a causal (look-ahead) mask?",
    choices: [
      { text: "Only the decoder's self-attention", correct: true, explanation: "Target position $t$ must not see targets after $t$; the source is fully known." },
      { text: "The encoder's self-attention and the decoder's self-attention", correct: false, explanation: "The encoder reads a complete input and is bidirectional; it only needs a padding mask." },
      { text: "The decoder's cross-attention", correct: false, explanation: "Cross-attention looks at the source sentence, which is entirely available; only source padding is masked." },
      { text: "All attention sub-layers", correct: false, explanation: "Masking the encoder or cross-attention causally would throw away legitimately available context." },
    ],
  },
  {
    id: "no-mask-consequence",
    kind: "multiple-choice",
    prompt: "A decoder-only LM is accidentally trained with bidirectional self-attention (no causal mask) and teacher forcing. What do you observe?",
    choices: [
      { text: "Training loss becomes very low, but generation is poor", correct: true, explanation: "Position $t$ can read token $t+1$ from the input and copy it; at inference that token does not exist yet." },
      { text: "Training diverges immediately", correct: false, explanation: "Nothing numerical breaks; the task just becomes trivially easy." },
      { text: "Nothing changes because the loss only uses the next token", correct: false, explanation: "The loss target is exactly what the model can now see, which is the leak." },
      { text: "The model cannot be trained in parallel any more", correct: false, explanation: "Parallelism is unaffected; what is lost is the autoregressive factorisation." },
    ],
  },
  {
    id: "recall-causal",
    kind: "recall",
    prompt: "What does the causal mask guarantee about the hidden state at position $t$, and which inference optimisation depends on it?",
    answer: "It depends only on tokens $0…t$ (the diagonal stays visible). Because earlier positions never change when later tokens arrive, their keys and values can be cached (KV cache).",
  },
]);
