import { defineExercises } from "@qkv/quiz";
import { feedForward, tensor, type Rng } from "@qkv/core";

const small = (rng: Rng): number => Math.round((rng.uniform() * 2 - 1) * 10) / 10;
const mat = (rng: Rng, r: number, c: number): number[][] => Array.from({ length: r }, () => Array.from({ length: c }, () => small(rng)));
const tex = (m: number[][]) => "\\begin{bmatrix}" + m.map((r) => r.join(" & ")).join(" \\\\ ") + "\\end{bmatrix}";

export default defineExercises([
  {
    id: "ffn-parameter-count",
    kind: "numeric",
    tolerance: { abs: 0 },
    generate(rng) {
      const d = [256, 512, 768, 1024][rng.int(4)];
      const mult = [2, 4][rng.int(2)];
      const dff = mult * d;
      return {
        prompt: `A position-wise FFN has $d_{\\text{model}} = ${d}$ and $d_{\\text{ff}} = ${dff}$, with biases on both layers. How many parameters does it have?`,
        expected: d * dff + dff + dff * d + d,
        mistakes: [
          { name: "leave out the biases", value: 2 * d * dff },
          { name: "count only the first layer", value: d * dff + dff },
          { name: "count both biases with d_ff entries", value: 2 * d * dff + 2 * dff },
        ],
        explanation: `$W_1$: $${d} \\times ${dff}$, $b_1$: ${dff}, $W_2$: $${dff} \\times ${d}$, $b_2$: ${d}; total $2 d\\,d_{\\text{ff}} + d_{\\text{ff}} + d$.`,
      };
    },
  },
  {
    id: "ffn-forward-relu",
    kind: "numeric",
    tolerance: { abs: 1e-6 },
    generate(rng) {
      const x = [small(rng) * 2, small(rng) * 2].map((v) => Math.round(v * 10) / 10);
      const W2 = mat(rng, 3, 2), b2 = [small(rng), small(rng)];
      // Redraw the first layer until at least one hidden unit is active, so the instance is not just b2.
      let W1 = mat(rng, 2, 3), b1 = [small(rng), small(rng), small(rng)];
      const active = () => Array.from(feedForward(tensor([x]), { kind: "dense", activation: "relu", W1, b1, W2, b2 }).hidden.data).some((h) => h > 0);
      while (!active()) [W1, b1] = [mat(rng, 2, 3), [small(rng), small(rng), small(rng)]];
      const y = Array.from(feedForward(tensor([x]), { kind: "dense", activation: "relu", W1, b1, W2, b2 }).output.data);
      return {
        prompt:
          `Compute $\\mathrm{FFN}(x) = \\mathrm{ReLU}(xW_1 + b_1)W_2 + b_2$ for the row vector $x = [${x.join(", ")}]$, ` +
          `$W_1 = ${tex(W1)}$, $b_1 = [${b1.join(", ")}]$, $W_2 = ${tex(W2)}$, $b_2 = [${b2.join(", ")}]$ (a vector of 2).`,
        expected: y,
        mistakes: [
          { name: "forget the ReLU", value: [0, 1].map((c) => [0, 1, 2].reduce((s, k) => s + (x[0] * W1[0][k] + x[1] * W1[1][k] + b1[k]) * W2[k][c], 0) + b2[c]) },
        ],
        explanation: "Compute the 3 hidden pre-activations $xW_1 + b_1$, clamp negatives to 0, multiply by $W_2$ and add $b_2$.",
      };
    },
  },
  {
    id: "position-wise-meaning",
    kind: "multiple-choice",
    prompt: "What does \"position-wise\" mean for the Transformer's feed-forward sub-layer?",
    choices: [
      {
        text: "The same MLP weights are applied to every token vector independently; no information moves between positions.",
        correct: true,
        explanation: "Mixing across positions is attention's job; the FFN transforms each token's vector on its own.",
      },
      {
        text: "Each position has its own, separately learned MLP.",
        correct: false,
        explanation: "The weights are shared across positions, which is why the model works for any sequence length.",
      },
      {
        text: "The FFN adds positional information to the tokens.",
        correct: false,
        explanation: "Position information comes from positional encodings or RoPE, not from the FFN.",
      },
      {
        text: "The FFN attends to neighbouring positions like a convolution with a kernel of 3.",
        correct: false,
        explanation: "It is equivalent to a kernel-size-1 convolution: each position sees only itself.",
      },
    ],
  },
]);
