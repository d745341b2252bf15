import { defineExercises } from "@qkv/quiz";

export default defineExercises([
  {
    id: "ov-parameters",
    kind: "numeric",
    tolerance: { abs: 0 },
    generate(rng) {
      const d = [512, 768, 1024, 4096][rng.int(4)];
      const h = [8, 12, 16, 32][rng.int(4)];
      const dk = d / h;
      return {
        prompt: `$d_{model} = ${d}$, $h = ${h}$ heads of size $d_k = ${dk}$. How many parameters do $W_V$ and $W_O$ (no biases) hold together — and note how this compares with a full $d\\times d$ OV matrix per head.`,
        expected: 2 * d * d,
        mistakes: [
          { name: "give the cost of a full d×d OV matrix per head (h·d²)", value: h * d * d },
          { name: "count only W_O", value: d * d },
        ],
        explanation: `Per head $2\\,d\\,d_k = ${2 * d * dk}$; times ${h} heads $= 2d^2 = ${2 * d * d}$, versus $h d^2 = ${h * d * d}$ for unfactored per-head OV maps (of rank at most ${dk} anyway).`,
      };
    },
  },
  {
    id: "role",
    kind: "multiple-choice",
    prompt: "Which statement about $W_O$ in multi-head attention is correct?",
    choices: [
      { text: "MHA equals a sum over heads of $A_i X W_V^{(i)} W_O^{(i)}$: $W_O$ mixes the heads and writes them back into the residual stream", correct: true, explanation: "Each row block of $W_O$ belongs to one head." },
      { text: "$W_O$ adds a nonlinearity after attention", correct: false, explanation: "It is linear." },
      { text: "$W_O$ is only needed when $h d_v \\ne d_{model}$", correct: false, explanation: "It also mixes heads, which the concatenation alone does not." },
    ],
  },
]);
