import { defineExercises } from "@qkv/quiz";
import { layerNorm, residual, tensor, type Tensor, type Rng } from "@qkv/core";

const vec = (rng: Rng, n: number): number[] => Array.from({ length: n }, () => Math.round((rng.uniform() * 4 - 2) * 10) / 10);

export default defineExercises([
  {
    id: "pre-vs-post-output",
    kind: "numeric",
    tolerance: { abs: 1e-3 },
    generate(rng) {
      const x = vec(rng, 3);
      if (x.every((v) => v === x[0])) x[0] += 1;
      const w = [0.5, 2, -1][rng.int(3)];
      const placement = rng.uniform() < 0.5 ? ("pre" as const) : ("post" as const);
      const ones = [1, 1, 1], zeros = [0, 0, 0];
      const norm = (t: Tensor) => layerNorm(t, { gamma: ones, beta: zeros });
      const f = (t: Tensor) => tensor([Array.from(t.data, (v) => w * v)]);
      const y = Array.from(residual(tensor([x]), f, norm, placement).data);
      return {
        prompt:
          `The sub-layer is $F(h) = ${w}\\,h$ and the norm is LayerNorm with $\\gamma = 1, \\beta = 0, \\epsilon = 10^{-5}$. ` +
          `For $x = [${x.join(", ")}]$, compute the ${placement === "pre" ? "Pre-LN output $x + F(\\mathrm{LN}(x))$" : "Post-LN output $\\mathrm{LN}(x + F(x))$"} (a vector).`,
        expected: y,
        explanation:
          placement === "pre"
            ? "Normalise $x$ first, apply $F$, then add the *unnormalised* $x$: the residual path stays an identity."
            : "Add $F(x)$ to $x$, then normalise the sum: the output always has zero mean and unit variance (up to $\\epsilon$).",
      };
    },
  },
  {
    id: "which-models-post-ln",
    kind: "multiple-choice",
    prompt: "Which of these models uses Post-LN residual blocks?",
    choices: [
      { text: "BERT", correct: true, explanation: "BERT follows the 2017 Transformer: $\\mathrm{LN}(x + F(x))$ after every sub-layer." },
      { text: "GPT-2", correct: false, explanation: "GPT-2 moved LayerNorm to the input of each sub-block and added a final LayerNorm (Pre-LN)." },
      { text: "LLaMA", correct: false, explanation: "LLaMA is Pre-norm with RMSNorm." },
      { text: "GPT-3", correct: false, explanation: "GPT-3 keeps GPT-2's Pre-LN design." },
    ],
  },
  {
    id: "why-pre-ln-stable",
    kind: "multiple-choice",
    prompt: "Why does Pre-LN train more stably than Post-LN in deep stacks?",
    choices: [
      {
        text: "Its residual path is a pure identity from input to the final norm, so gradients reach every layer directly and are well scaled at initialisation.",
        correct: true,
        explanation: "Post-LN rescales the skip path after every block; Xiong et al. showed large gradients near the output at init, hence the need for warmup.",
      },
      {
        text: "Pre-LN uses fewer LayerNorms, so there are fewer parameters to tune.",
        correct: false,
        explanation: "Both place one norm per sub-layer; Pre-LN even adds a final norm.",
      },
      {
        text: "Pre-LN keeps the residual stream normalised to unit variance at every depth.",
        correct: false,
        explanation: "The opposite: the Pre-LN stream is never normalised and its norm grows with depth, which is why a final norm is needed.",
      },
      {
        text: "Pre-LN removes the need for residual connections.",
        correct: false,
        explanation: "Residual connections are essential in both; Pre-LN only moves the norm inside the branch.",
      },
    ],
  },
  {
    id: "sandwich-recall",
    kind: "recall",
    prompt: "Write the Post-LN, Pre-LN and sandwich-norm residual blocks for a sub-layer $F$.",
    answer:
      "Post-LN: $\\mathrm{LN}(x + F(x))$. Pre-LN: $x + F(\\mathrm{LN}(x))$ (plus a final norm after the last block). " +
      "Sandwich: $x + \\mathrm{LN}_{\\text{post}}(F(\\mathrm{LN}_{\\text{pre}}(x)))$, as in CogView and Gemma 2.",
  },
]);
