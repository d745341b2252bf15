import { defineExercises } from "@qkv/quiz";

export default defineExercises([
  {
    id: "flash-exact",
    kind: "multiple-choice",
    prompt: "Which statement about FlashAttention is correct?",
    choices: [
      {
        text: "It computes exact attention with fewer memory reads/writes by tiling and an online softmax; FLOPs stay $O(T^2 d)$.",
        correct: true,
        explanation: "It is an IO-aware implementation of the same function, not a different model.",
      },
      {
        text: "It approximates the softmax with a low-rank kernel to make attention linear in $T$.",
        correct: false,
        explanation: "That describes Performer/Linformer-style approximations; FlashAttention is exact.",
      },
      {
        text: "It stores the full $T \\times T$ attention matrix in fast SRAM.",
        correct: false,
        explanation: "The point is never to materialise the full matrix: only small tiles live in SRAM at a time.",
      },
      {
        text: "It speeds up training by skipping the backward pass through attention.",
        correct: false,
        explanation: "The backward pass is computed exactly; it recomputes score tiles instead of storing them.",
      },
    ],
  },
  {
    id: "online-softmax-recall",
    kind: "recall",
    prompt: "Give the online-softmax update FlashAttention uses when a new block of scores $s$ (with values $V_b$) arrives for one query row.",
    answer:
      "$m' = \\max(m, \\max s)$, $\\ell' = e^{m - m'}\\ell + \\sum e^{s - m'}$, $o' = e^{m-m'} o + e^{s-m'} V_b$; after the last block the output is $o / \\ell$. " +
      "The rescaling by $e^{m - m'}$ corrects earlier partial sums when the running maximum grows.",
  },
]);
