import { defineExercises } from "@qkv/quiz";

export default defineExercises([
  {
    id: "score-matrix-memory",
    kind: "numeric",
    tolerance: { rel: 1e-9 },
    generate(rng) {
      const H = [12, 16, 32][rng.int(3)];
      const T = [1024, 2048, 4096][rng.int(3)];
      const bytes = 2;
      return {
        prompt: `A naive attention implementation materialises the $T \\times T$ score matrix of every head. For ${H} heads, $T = ${T}$ and fp16, how many MiB does one layer's score tensor take for one sequence?`,
        expected: (H * T * T * bytes) / 2 ** 20,
        mistakes: [
          { name: "use 4 bytes (fp32) instead of 2", value: (H * T * T * 4) / 2 ** 20 },
          { name: "forget the heads", value: (T * T * bytes) / 2 ** 20 },
        ],
        explanation: `$H \\cdot T^2 \\cdot 2$ bytes $= ${H} \\cdot ${T}^2 \\cdot 2$, divided by $2^{20}$; it does not depend on $d_k$, which is why more heads cost more attention memory.`,
      };
    },
  },
  {
    id: "why-split-heads",
    kind: "multiple-choice",
    prompt: "With $d_k = d_{\\text{model}}/h$, what does increasing the number of heads $h$ change?",
    choices: [
      {
        text: "The number of separate attention patterns (and score matrices); the projection parameters stay $4d_{\\text{model}}^2$.",
        correct: true,
        explanation: "The heads split the same $d_{\\text{model}}$-wide projections into more, smaller subspaces.",
      },
      {
        text: "The parameter count grows linearly with $h$.",
        correct: false,
        explanation: "Each head's matrices shrink to $d_{\\text{model}} \\times d_k$, so the total is unchanged.",
      },
      {
        text: "Each head's score matrix gets a higher possible rank.",
        correct: false,
        explanation: "The rank of $Q_iK_i^\\top$ is at most $d_k$, which shrinks as $h$ grows.",
      },
      {
        text: "The scale factor becomes $1/\\sqrt{d_{\\text{model}}}$.",
        correct: false,
        explanation: "The scale is always $1/\\sqrt{d_k}$ of a head.",
      },
    ],
  },

  {
    id: "more-heads-flops",
    kind: "numeric",
    tolerance: { rel: 1e-9 },
    generate(rng) {
      const d = [512, 768, 1024][rng.int(3)], T = [256, 512, 1024][rng.int(3)];
      const h = [4, 8][rng.int(2)], h2 = h * [2, 4][rng.int(2)];
      const flops = 2 * 2 * T * T * d; // Q K^T and P V: h heads × 2·T²·d_k each, with h·d_k = d
      return {
        prompt:
          `A layer with $d_{\\text{model}} = ${d}$ goes from ${h} to ${h2} heads, keeping $d_k = d_{\\text{model}}/h$. For one sequence of $T = ${T}$, ` +
          `predict the FLOPs of the two attention products ($QK^\\top$ and $PV$, 2 FLOPs per multiply–add) after the change.`,
        expected: flops,
        mistakes: [
          { name: `scale the FLOPs with the number of heads (\u00d7${h2 / h})`, value: (flops * h2) / h },
          { name: "count multiply\u2013adds instead of FLOPs", value: flops / 2 },
        ],
        explanation: `Each head costs $2 \\cdot 2 T^2 d_k$ FLOPs and $h\\,d_k = d_{\\text{model}}$, so the total $4 T^2 d_{\\text{model}} = ${flops}$ does not depend on $h$. What grows with $h$ is the number of $T \\times T$ score matrices (memory when they are stored, and softmax work), not the matmul FLOPs.`,
      };
    },
  },
]);
