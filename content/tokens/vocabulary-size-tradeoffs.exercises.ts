import { defineExercises } from "@qkv/quiz";
import { Rng, embed, randn } from "@qkv/core";

export default defineExercises([
  {
    id: "embedding-params",
    kind: "numeric",
    tolerance: { rel: 1e-4 },
    generate(rng) {
      const V = [32000, 50257, 100277, 128256, 256000][rng.int(5)];
      const d = [512, 768, 2048, 4096, 8192][rng.int(5)];
      const tied = rng.int(2) === 0;
      const n = (tied ? 1 : 2) * V * d;
      return {
        prompt: `Vocabulary $V = ${V}$, $d_{model} = ${d}$, ${tied ? "tied" : "untied"} input/output embeddings. How many millions of parameters do the embedding matrices hold?`,
        expected: n / 1e6,
        mistakes: [
          { name: "count two matrices when they are tied, or one when untied", value: (tied ? 2 : 1) * V * d / 1e6 },
        ],
        explanation: `${tied ? "One shared" : "Two"} $V\\times d$ matri${tied ? "x" : "ces"}: $${tied ? "" : "2\\cdot"}${V}\\cdot${d} = ${(n / 1e6).toFixed(2)}$M.`,
      };
    },
  },
  {
    id: "logits-memory",
    kind: "numeric",
    tolerance: { rel: 1e-3 },
    generate(rng) {
      const B = [4, 8, 16][rng.int(3)], T = [1024, 2048, 4096][rng.int(3)], V = [32000, 128256, 256000][rng.int(3)];
      const gib = (B * T * V * 4) / 2 ** 30;
      return {
        prompt: `A training step has batch ${B}, sequence length ${T} and vocabulary ${V}. How many GiB does the fp32 logits tensor $(B, T, V)$ take?`,
        expected: gib,
        mistakes: [
          { name: "use 2 bytes (fp16) instead of 4", value: gib / 2 },
          { name: "divide by 10\u2079 (GB) instead of 2\u00b3\u2070 (GiB)", value: (B * T * V * 4) / 1e9 },
        ],
        explanation: `$${B}\\cdot${T}\\cdot${V}\\cdot 4$ bytes $= ${gib.toFixed(2)}$ GiB — a large vocabulary makes the output layer a memory hot spot.`,
      };
    },
  },
  {
    id: "embedding-output-shape",
    kind: "numeric",
    tolerance: { abs: 0 },
    generate(rng) {
      const V = 10 + rng.int(50), d = 2 + rng.int(14), B = 1 + rng.int(4), T = 1 + rng.int(9);
      const ids = Array.from({ length: B }, () => Array.from({ length: T }, () => rng.int(V)));
      const out = embed(randn([V, d], new Rng(1)), ids);
      return {
        prompt: `Token ids of shape $(${B}, ${T})$ go through an embedding table of shape $(${V}, ${d})$. How many numbers does the output contain?`,
        expected: out.size,
        mistakes: [
          { name: "count the table (V\u00b7d) instead of the output", value: V * d },
          { name: "forget the embedding width d (B\u00b7T)", value: B * T },
        ],
        explanation: `The output has shape $(${out.shape.join(", ")})$: $${B}\\cdot${T}\\cdot${d} = ${out.size}$. The vocabulary size only affects the table, not the output.`,
      };
    },
  },
  {
    id: "bigger-vocab",
    kind: "multiple-choice",
    prompt: "Moving from a 32k to a 128k vocabulary (same text, same model width). Which effect is expected?",
    choices: [
      { text: "Fewer tokens per text, more embedding parameters and a more expensive output softmax", correct: true, explanation: "Longer tokens compress text; each of the $V$ rows and output logits costs $d$ parameters and compute." },
      { text: "More tokens per text", correct: false, explanation: "If the 128k merge list extends the 32k one, the extra merges can only shorten the encoding; an independently trained larger vocabulary also compresses typical text better, though not every string." },
      { text: "No change in parameters because embeddings are tied", correct: false, explanation: "Even a tied table grows linearly with $V$." },
      { text: "Attention cost increases because $d_k$ grows with $V$", correct: false, explanation: "Head size is independent of vocabulary; attention cost actually falls with shorter sequences." },
    ],
  },
]);
