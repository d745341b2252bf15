import { defineExercises } from "@qkv/quiz";
import { gelu, matmul, mul, sigmoid, silu, swiglu, tensor, type Rng, type Tensor } from "@qkv/core";

const small = (rng: Rng): number => Math.round((rng.uniform() * 2 - 1) * 10) / 10;
const mat = (rng: Rng, r: number, c: number): number[][] => Array.from({ length: r }, () => Array.from({ length: c }, () => small(rng)));
const tex = (m: number[][]) => "\\begin{bmatrix}" + m.map((r) => r.join(" & ")).join(" \\\\ ") + "\\end{bmatrix}";


// "Which bug": a port's output for one input, computed by core with each candidate mistake.
const portX = tensor([[0.8, -1.2]]);
const portW = {
  W1: tensor([[0.5, -1.0, 0.3], [0.7, 0.2, -0.6]]),
  W3: tensor([[1.0, 0.4, -0.5], [-0.3, 0.9, 0.6]]),
  W2: tensor([[0.6, -0.2], [0.1, 0.8], [-0.7, 0.5]]),
};
/** (act(x W_g) ⊙ act_u(x W_u)) W_2: SwiGLU when act = SiLU on the gate W_1 and the identity on the up branch W_3. */
const gatedFfn = (act: (t: Tensor) => Tensor, Wg: Tensor, Wu: Tensor, actUp: (t: Tensor) => Tensor = (t) => t) =>
  matmul(mul(act(matmul(portX, Wg)), actUp(matmul(portX, Wu))), portW.W2);
const vec = (t: Tensor) => `[${Array.from(t.data, (v) => v.toFixed(4)).join(", ")}]`;
const texMat = (t: Tensor) => "\\begin{bmatrix}" + (t.toArray() as number[][]).map((r) => r.join(" & ")).join(" \\\\ ") + "\\end{bmatrix}";
const portSwapped = gatedFfn(silu, portW.W3, portW.W1);

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

  {
    id: "which-port-bug",
    kind: "multiple-choice",
    prompt:
      `You load LLaMA FFN weights into your own SwiGLU. For $x = [0.8, -1.2]$, $W_1 = ${texMat(portW.W1)}$, ` +
      `$W_3 = ${texMat(portW.W3)}$, $W_2 = ${texMat(portW.W2)}$ the reference implementation gives ` +
      `$${vec(swiglu(portX, portW))}$, yours gives $${vec(portSwapped)}$. Which bug produces exactly your output?`,
    choices: [
      {
        text: "SiLU is applied to $xW_3$ instead of $xW_1$: the gate and up projections are swapped.",
        correct: true,
        explanation: `$\\big(\\mathrm{SiLU}(xW_3) \\odot xW_1\\big)W_2 = ${vec(portSwapped)}$. The gate is not symmetric: only one branch goes through the non-linearity, so loading \`gate_proj\` into the up slot silently changes every output.`,
      },
      {
        text: "The gate uses the sigmoid (the original GLU) instead of SiLU.",
        correct: false,
        explanation: `That gives $\\big(\\sigma(xW_1) \\odot xW_3\\big)W_2 = ${vec(gatedFfn(sigmoid, portW.W1, portW.W3))}$.`,
      },
      {
        text: "The gate uses GELU (GEGLU) instead of SiLU.",
        correct: false,
        explanation: `That gives $\\big(\\mathrm{GELU}(xW_1) \\odot xW_3\\big)W_2 = ${vec(gatedFfn(gelu, portW.W1, portW.W3))}$, not your output.`,
      },
      {
        text: "SiLU is applied to both branches.",
        correct: false,
        explanation: `That gives $\\big(\\mathrm{SiLU}(xW_1) \\odot \\mathrm{SiLU}(xW_3)\\big)W_2 = ${vec(gatedFfn(silu, portW.W1, portW.W3, silu))}$.`,
      },
    ],
  },
]);
