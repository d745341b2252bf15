import { defineExercises } from "@qkv/quiz";
import { matmul, softmax, tensor, transpose, type Rng } from "@qkv/core";

const small = (rng: Rng): number => Math.round((rng.uniform() * 2 - 1) * 10) / 10;

export default defineExercises([
  {
    id: "tied-head-probability",
    kind: "numeric",
    tolerance: { abs: 1e-3 },
    generate(rng) {
      const V = 4, d = 2;
      const WE = Array.from({ length: V }, () => [small(rng), small(rng)]);
      const h = [small(rng) * 2, small(rng) * 2].map((v) => Math.round(v * 10) / 10);
      const logits = matmul(tensor([h]), transpose(tensor(WE)));
      const v = rng.int(V);
      return {
        prompt:
          `A tiny LM with a tied output head has embedding table $W_E = ${JSON.stringify(WE)}$ (${V} tokens, $d = ${d}$). ` +
          `The final hidden state is $h = [${h.join(", ")}]$. What probability does it assign to token ${v} (0-based)?`,
        expected: softmax(logits).data[v],
        explanation: `Logits are $h W_E^\\top$ (one dot product per embedding row): $[${Array.from(logits.data, (x) => x.toFixed(2)).join(", ")}]$; then softmax.`,
      };
    },
  },
  {
    id: "tying-savings",
    kind: "numeric",
    tolerance: { abs: 0 },
    generate(rng) {
      const V = [32000, 50257, 128256][rng.int(3)];
      const d = [768, 2048, 4096][rng.int(3)];
      return {
        prompt: `How many parameters does tying the output head to the input embedding save for vocabulary ${V} and $d = ${d}$?`,
        expected: V * d,
        mistakes: [
          { name: "count both matrices (2Vd) as saved", value: 2 * V * d },
        ],
        explanation: `The untied head would be a separate $d \\times V$ matrix: $${d} \\times ${V}$ weights.`,
      };
    },
  },

  {
    id: "head-share-of-compute",
    kind: "numeric",
    tolerance: { abs: 0.1 },
    generate(rng) {
      const cfg = [
        { name: "GPT-2 small", d: 768, L: 12, V: 50257 },
        { name: "GPT-2 medium", d: 1024, L: 24, V: 50257 },
        { name: "GPT-2 XL", d: 1600, L: 48, V: 50257 },
        { name: "a small model with a 256,000-token vocabulary", d: 2048, L: 18, V: 256000 },
      ][rng.int(4)];
      const head = cfg.V * cfg.d, layers = cfg.L * 12 * cfg.d * cfg.d;
      return {
        prompt:
          `Estimate the LM head's share of the per-token multiply–adds in the weight matrices (ignore attention scores, norms and the embedding lookup) for ${cfg.name}: ` +
          `$d = ${cfg.d}$, ${cfg.L} layers of $12d^2$ weights each, vocabulary $V = ${cfg.V}$. Give a percentage.`,
        expected: (100 * head) / (head + layers),
        mistakes: [
          { name: "leave the head out of the total (head / layers)", value: (100 * head) / layers },
          { name: "compare the head with a single layer", value: (100 * head) / (head + 12 * cfg.d * cfg.d) },
        ],
        explanation: `Head: $V d = ${head}$ multiply–adds per position; layers: $${cfg.L} \\cdot 12 d^2 = ${layers}$. Share $= ${head} / ${head + layers}$. The share shrinks as $d$ and depth grow and rises with the vocabulary.`,
      };
    },
  },
]);
