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
]);
