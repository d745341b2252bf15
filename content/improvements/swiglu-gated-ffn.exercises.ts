import { defineExercises } from "@qkv/quiz";
import { swiglu, tensor, type Rng } from "@qkv/core";

const small = (rng: Rng): number => Math.round((rng.uniform() * 2 - 1) * 10) / 10;
const mat = (rng: Rng, r: number, c: number): number[][] => Array.from({ length: r }, () => Array.from({ length: c }, () => small(rng)));
const tex = (m: number[][]) => "\\begin{bmatrix}" + m.map((r) => r.join(" & ")).join(" \\\\ ") + "\\end{bmatrix}";

export default defineExercises([
  {
    id: "swiglu-hidden-size",
    kind: "numeric",
    tolerance: { abs: 0 },
    generate(rng) {
      const d = [2048, 3072, 4096, 5120][rng.int(4)];
      const multiple = [128, 256][rng.int(2)];
      const hidden = Math.ceil((8 * d) / 3 / multiple) * multiple;
      return {
        prompt: `A SwiGLU FFN should have the parameter budget of a $4d$ MLP ($8d^2$ weights) for $d = ${d}$. What hidden size results after rounding $\\tfrac{8}{3}d$ **up** to a multiple of ${multiple}?`,
        expected: hidden,
        mistakes: [
          { name: "keep the 4d hidden size of the plain MLP", value: 4 * d },
          { name: "round 8d/3 down instead of up", value: Math.floor((8 * d) / 3 / multiple) * multiple },
        ],
        explanation: `Three matrices of $d \\times d_h$ weights: $3 d\\, d_h = 8d^2 \\Rightarrow d_h = \\tfrac{8}{3}d = ${((8 * d) / 3).toFixed(1)}$, rounded up to ${hidden}.`,
      };
    },
  },
  {
    id: "swiglu-forward",
    kind: "numeric",
    tolerance: { abs: 1e-6 },
    generate(rng) {
      const x = [small(rng) * 2, small(rng) * 2].map((v) => Math.round(v * 10) / 10);
      const W1 = mat(rng, 2, 2), W3 = mat(rng, 2, 2), W2 = mat(rng, 2, 2);
      const y = Array.from(swiglu(tensor([x]), { W1, W3, W2 }).data);
      return {
        prompt: `Compute $\\big(\\mathrm{SiLU}(xW_1) \\odot xW_3\\big)W_2$ for $x = [${x.join(", ")}]$, $W_1 = ${tex(W1)}$, $W_3 = ${tex(W3)}$, $W_2 = ${tex(W2)}$ (a vector of 2).`,
        expected: y,
        mistakes: [
          { name: "use the sigmoid \u03c3(xW\u2081) as the gate instead of SiLU(xW\u2081)", value: (() => { const a = [0, 1].map((k) => x[0] * W1[0][k] + x[1] * W1[1][k]); const b = [0, 1].map((k) => x[0] * W3[0][k] + x[1] * W3[1][k]); const g = a.map((v, k) => b[k] / (1 + Math.exp(-v))); return [0, 1].map((c) => g[0] * W2[0][c] + g[1] * W2[1][c]); })() },
        ],
        explanation: "Gate: $g = xW_1$, apply $\\mathrm{SiLU}(g) = g\\,\\sigma(g)$; up: $u = xW_3$; multiply element-wise and project with $W_2$.",
      };
    },
  },
  {
    id: "swiglu-roles",
    kind: "multiple-choice",
    prompt: "In LLaMA's SwiGLU block $\\big(\\mathrm{SiLU}(xW_1) \\odot xW_3\\big)W_2$, which statement is right?",
    choices: [
      {
        text: "$W_1$ is the gate (it goes through SiLU), $W_3$ the up projection, $W_2$ the down projection back to $d$.",
        correct: true,
        explanation: "In Hugging Face naming these are `gate_proj`, `up_proj` and `down_proj`.",
      },
      {
        text: "SiLU is applied to both $xW_1$ and $xW_3$.",
        correct: false,
        explanation: "Only the gate branch is activated; the other branch stays linear, which is what makes it a gated linear unit.",
      },
      {
        text: "The hidden size is $4d$, as in GPT-2, so the block has $8d^2$ weights.",
        correct: false,
        explanation: "With three matrices a $4d$ hidden layer would have $12d^2$ weights; LLaMA uses about $\\tfrac{8}{3}d$.",
      },
      {
        text: "The sigmoid gate makes the output bounded in $[0, 1]$.",
        correct: false,
        explanation: "SiLU is $z\\sigma(z)$, unbounded above, and the linear branch and $W_2$ are unbounded too.",
      },
    ],
  },
]);
