import { defineExercises } from "@qkv/quiz";
import { feedForward, tensor, type Rng, scaledDotProductAttention, causalMask } from "@qkv/core";

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
  {
    id: "rows-that-change",
    kind: "numeric",
    tolerance: { abs: 0 },
    generate(rng) {
      // Predict how far a change to one token's input spreads through one sub-layer, then count the rows that change in core.
      const T = 5 + rng.int(4), d = 4, j = rng.int(T);
      const X = mat(rng, T, d);
      const X2 = X.map((r, t) => (t === j ? r.map((v) => v + 1) : r.slice()));
      const W = { W1: mat(rng, d, 8), W2: mat(rng, 8, d) };
      const layers = [
        { label: "the position-wise FFN (ReLU)", run: (x: number[][]) => feedForward(x, { kind: "dense", activation: "relu", ...W }).output },
        { label: "causal self-attention ($Q = K = V = X$)", run: (x: number[][]) => scaledDotProductAttention(x, x, x, { mask: causalMask(T) }).output },
        { label: "bidirectional self-attention ($Q = K = V = X$)", run: (x: number[][]) => scaledDotProductAttention(x, x, x).output },
      ];
      const k = rng.int(layers.length);
      const a = layers[k].run(X).toArray() as number[][], b = layers[k].run(X2).toArray() as number[][];
      const changed = a.filter((r, t) => r.some((v, c) => Math.abs(v - b[t][c]) > 1e-12)).length;
      return {
        prompt:
          `A sequence of ${T} token vectors goes through ${layers[k].label}. You add 1 to every component of token ${j + 1}'s input and nothing else. ` +
          `How many of the ${T} output rows change?`,
        expected: changed,
        mistakes: (k === 0
          ? [{ name: "let the FFN mix positions (it acts on each token alone)", value: T }]
          : k === 1
            ? [
                { name: `forget that attention spreads the change to the tokens that see token ${j + 1}`, value: 1 },
                { name: "let the change reach earlier tokens through a causal mask", value: T },
                { name: "let only earlier tokens see the change (the mask hides the future, not the past)", value: j + 1 },
              ]
            : [
                { name: `forget that attention spreads the change to the tokens that see token ${j + 1}`, value: 1 },
                { name: "apply a causal mask that this layer does not have", value: T - j },
              ]
        ).filter((m, i, all) => m.value !== changed && all.findIndex((o) => o.value === m.value) === i),
        explanation:
          k === 0
            ? `The FFN applies the same weights to each position separately, so only row ${j + 1} changes: ${changed}.`
            : k === 1
              ? `Token ${j + 1}'s key and value are seen by the queries at positions ${j + 1}…${T}, and its own query changes: ${T - j} rows (core: ${changed}).`
              : `Without a mask every query sees token ${j + 1}'s key and value, so all ${T} rows change (core: ${changed}).`,
      };
    },
  },
]);
