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

  {
    id: "stored-probabilities",
    kind: "numeric",
    tolerance: { rel: 1e-3 },
    generate(rng) {
      const B = [1, 4, 8][rng.int(3)], H = [16, 32, 40][rng.int(3)], T = [2048, 4096, 8192][rng.int(3)];
      const gib = (B * H * T * T * 2) / 2 ** 30;
      return {
        prompt:
          `A naive attention layer keeps the probability matrix $P$ in bf16 for the backward pass. For a batch of ${B}, ${H} heads and $T = ${T}$, ` +
          `how many GiB does $P$ take in one layer? (FlashAttention instead keeps two fp32 statistics per query row.)`,
        expected: gib,
        mistakes: [
          { name: "forget the heads (one T \u00d7 T matrix per sequence)", value: gib / H },
          { name: "store P in fp32", value: 2 * gib },
        ],
        explanation: `$B \\cdot H \\cdot T^2 \\cdot 2$ bytes $= ${B} \\cdot ${H} \\cdot ${T}^2 \\cdot 2$, divided by $2^{30}$. FlashAttention's row statistics take $B \\cdot H \\cdot T \\cdot 2 \\cdot 4$ bytes, ${((B * H * T * T * 2) / (B * H * T * 8)).toFixed(0)} times less: memory linear in $T$, which is why long contexts train at all.`,
      };
    },
  },
]);
