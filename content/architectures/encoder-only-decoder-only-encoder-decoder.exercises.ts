import { defineExercises } from "@qkv/quiz";

export default defineExercises([
  {
    id: "pick-architecture",
    kind: "multiple-choice",
    prompt: "You need fast, high-quality sentence embeddings for a retrieval index. Which family is the usual choice?",
    choices: [
      { text: "Encoder-only (BERT-style)", correct: true, explanation: "Bidirectional attention gives strong per-token/sequence representations cheaply; most retrieval embedders are encoders." },
      { text: "Decoder-only, generating a description of each sentence", correct: false, explanation: "Generation is slow and unnecessary; you need a vector, not text." },
      { text: "Encoder–decoder, using the decoder's output logits", correct: false, explanation: "The decoder is for generation; for embeddings you would use the encoder alone." },
      { text: "Any family works equally; the architecture does not matter", correct: false, explanation: "Causal-only context and generation-oriented training make decoders less natural (though usable with extra training) for embeddings." },
    ],
  },
  {
    id: "why-decoder-only",
    kind: "recall",
    prompt: "Give three reasons large general-purpose LLMs are decoder-only.",
    answer:
      "One simple self-supervised objective where every token is a target, which scales predictably; any task can be phrased as prompt + continuation " +
      "(zero/few-shot, chat); one stack and one KV cache make training and serving simpler, and at scale quality matches encoder–decoders.",
  },
]);
