import { defineExercises } from "@qkv/quiz";

export default defineExercises([
  {
    id: "benefit",
    kind: "multiple-choice",
    prompt: "What can 8 heads of size 64 do that one head of size 512 cannot, at the same parameter count?",
    choices: [
      { text: "Attend to several different positions with separate distributions in the same layer", correct: true, explanation: "Each head has its own softmax over keys, so one token can follow several relations at once." },
      { text: "Process longer sequences", correct: false, explanation: "The maximum length does not depend on the number of heads." },
      { text: "Use fewer FLOPs per token", correct: false, explanation: "Projection and score FLOPs are the same in total." },
      { text: "See different parts of the input embedding vector", correct: false, explanation: "Every head projects the full input vector; only the projected space is split." },
    ],
  },
  {
    id: "recall-mha",
    kind: "recall",
    prompt: "Write multi-head attention in one line, with the shapes of $W_Q^{(i)}$ and $W_O$.",
    answer: "$\\mathrm{MHA}(X) = \\mathrm{Concat}_i\\big(\\mathrm{Attn}(XW_Q^{(i)}, XW_K^{(i)}, XW_V^{(i)})\\big)W_O$, with $W_Q^{(i)} \\in \\mathbb{R}^{d\\times d/h}$ and $W_O \\in \\mathbb{R}^{d\\times d}$.",
  },
]);
