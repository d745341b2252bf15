import { defineExercises } from "@qkv/quiz";

export default defineExercises([
  {
    id: "what-connects",
    kind: "multiple-choice",
    prompt: "How does information pass from the encoder stack to the decoder stack in the original Transformer?",
    choices: [
      { text: "Every decoder layer's cross-attention reads the final encoder output", correct: true, explanation: "Keys and values of each cross-attention come from the top encoder layer." },
      { text: "Decoder layer $\\ell$ attends to encoder layer $\\ell$", correct: false, explanation: "All decoder layers use the same, final encoder representation." },
      { text: "Through a single fixed-size context vector", correct: false, explanation: "That was the RNN seq2seq bottleneck the Transformer avoids: the decoder sees one vector per source token." },
      { text: "The encoder output is added to the decoder's input embeddings", correct: false, explanation: "Source and target lengths differ; the connection is attention, not addition." },
    ],
  },
  {
    id: "which-family",
    kind: "multiple-choice",
    prompt: "Which model keeps both stacks of the original design?",
    choices: [
      { text: "T5", correct: true, explanation: "T5 is an encoder–decoder trained text-to-text." },
      { text: "BERT", correct: false, explanation: "BERT is encoder-only." },
      { text: "GPT-2", correct: false, explanation: "GPT-2 is decoder-only, without cross-attention." },
      { text: "LLaMA", correct: false, explanation: "LLaMA is decoder-only." },
    ],
  },
]);
