import { defineExercises } from "@qkv/quiz";
import { Rng, multiHeadAttention, randn } from "@qkv/core";

export default defineExercises([
  {
    id: "score-memory",
    kind: "numeric",
    tolerance: { rel: 1e-3 },
    generate(rng) {
      const B = 1 + rng.int(8), h = [8, 12, 16, 32][rng.int(4)], T = [512, 1024, 2048, 4096, 8192][rng.int(5)];
      const bytes = [2, 4][rng.int(2)];
      const gib = (B * h * T * T * bytes) / 2 ** 30;
      return {
        prompt:
          `Batch $B = ${B}$, $h = ${h}$ heads, sequence length $T = ${T}$, ${bytes === 2 ? "fp16 (2 bytes)" : "fp32 (4 bytes)"}. ` +
          `How many GiB does one layer's attention-weight tensor occupy if materialised?`,
        expected: gib,
        mistakes: [
          { name: "forget the batch size", value: gib / B },
          { name: "forget the heads", value: gib / h },
        ],
        explanation: `The weights have shape $(B, h, T, T)$: $${B}\\cdot${h}\\cdot${T}^2\\cdot${bytes}$ bytes $= ${gib.toFixed(3)}$ GiB ($2^{30}$ bytes each).`,
      };
    },
  },
  {
    id: "weights-entries-from-core",
    kind: "numeric",
    tolerance: { abs: 0 },
    generate(rng) {
      const B = 1 + rng.int(3), h = [1, 2, 4][rng.int(3)], T = 2 + rng.int(7), d = 4 * h;
      const r = new Rng(rng.int(1000));
      const W = { W_Q: randn([d, d], r), W_K: randn([d, d], r), W_V: randn([d, d], r), W_O: randn([d, d], r) };
      const X = randn([B, T, d], r);
      const n = multiHeadAttention(X, X, W, { numHeads: h }).weights.size;
      return {
        prompt: `Self-attention on a batch of ${B} sequences of ${T} tokens with ${h} heads. How many attention weights are computed in total (one layer)?`,
        expected: n,
        mistakes: [
          { name: "forget the heads (B\u00b7T\u00b2)", value: n / h },
          { name: "count one matrix per batch only (h\u00b7T\u00b2)", value: n / B },
        ],
        explanation: `Every head of every sequence has a $T\\times T$ matrix: $B\\,h\\,T^2 = ${n}$.`,
      };
    },
  },
  {
    id: "doubling-context",
    kind: "multiple-choice",
    prompt: "Context length goes from 8k to 16k tokens with the same model. What happens to the FLOPs of the $QK^\\top$ and weights·$V$ products in one layer?",
    choices: [
      { text: "They grow 4×", correct: true, explanation: "Both products cost $T^2 d$ multiply–adds: doubling $T$ multiplies them by 4." },
      { text: "They grow 2×", correct: false, explanation: "That is the growth of the $Q/K/V/O$ projections and the FFN, which are linear in $T$." },
      { text: "They stay the same with FlashAttention", correct: false, explanation: "FlashAttention avoids storing the $T\\times T$ matrix, but it still computes all $T^2$ scores." },
      { text: "They grow 8×", correct: false, explanation: "Attention is quadratic, not cubic, in $T$." },
    ],
  },
  {
    id: "longest-context-budget",
    kind: "numeric",
    tolerance: { rel: 2e-3 },
    generate(rng) {
      // Invert the memory formula: which context fits a given budget for the materialised weights?
      const B = [1, 2, 4, 8][rng.int(4)], h = [12, 16, 32, 40][rng.int(4)], gib = [4, 8, 16, 24, 40][rng.int(5)];
      const bytes = 2;
      const longest = (heads: number, perValue: number) => Math.floor(Math.sqrt((gib * 2 ** 30) / (B * heads * perValue)));
      const T = longest(h, bytes);
      return {
        prompt:
          `A naive attention kernel materialises the fp16 attention weights $(B, h, T, T)$ of one layer. With batch $B = ${B}$, ` +
          `$h = ${h}$ heads and ${gib} GiB of GPU memory left for that tensor, what is the longest sequence length $T$ that fits? ` +
          `(Largest whole number.)`,
        expected: T,
        mistakes: [
          { name: "forget that every head has its own $T\\times T$ matrix", value: longest(1, bytes) },
          { name: "count one byte per fp16 value", value: longest(h, 1) },
          { name: "treat memory as linear in $T$ (budget / (B·h·2 bytes))", value: Math.floor((gib * 2 ** 30) / (B * h * bytes)) },
        ],
        explanation:
          `$B\\,h\\,T^2\\cdot 2 \\le ${gib}\\cdot 2^{30}$ gives $T \\le \\sqrt{${gib}\\cdot 2^{30}/(2\\cdot${B}\\cdot${h})}$, so $T = ${T}$. ` +
          `Memory is quadratic in $T$: a 4× larger budget only doubles the context (to ${longest(h, bytes / 4)}), which is why kernels that ` +
          `never materialise the matrix (FlashAttention) rather than bigger GPUs made long contexts practical.`,
      };
    },
  },
]);
