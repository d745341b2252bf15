import { defineExercises } from "@qkv/quiz";
import { layerNorm, residual, tensor } from "@qkv/core";

export default defineExercises([
  {
    id: "pre-vs-post",
    kind: "numeric",
    tolerance: { abs: 5e-4 },
    generate(rng) {
      const x = Array.from({ length: 4 }, () => rng.int(9) - 4);
      if (x.every((v) => v === x[0])) x[1] += 2;
      const a = 0.5 + rng.int(3) * 0.5;
      const f = (t: typeof X) => tensor([Array.from(t.data, (v) => a * v)]); // a toy linear sub-layer F(x) = a·x
      const X = tensor([x]);
      const norm = (t: typeof X) => layerNorm(t);
      const placement = rng.int(2) === 0 ? "pre" : "post";
      const y = residual(X, f, norm, placement).data[0];
      return {
        prompt:
          `Sub-layer $F(x) = ${a}\\,x$, LayerNorm without affine ($\\varepsilon = 10^{-5}$), input $x = [${x.join(", ")}]$. ` +
          `With **${placement}-norm** placement, what is the first output feature? (4 decimals)`,
        expected: y,
        explanation:
          placement === "pre"
            ? `Pre-norm: $x + F(\\mathrm{LN}(x))$ — the residual path is untouched, giving ${y.toFixed(4)}.`
            : `Post-norm: $\\mathrm{LN}(x + F(x)) = \\mathrm{LN}(${1 + a}\\,x)$ — the sum is normalised, giving ${y.toFixed(4)}.`,
      };
    },
  },
  {
    id: "gradient-path",
    kind: "multiple-choice",
    prompt: "Why do residual connections make deep Transformers trainable?",
    choices: [
      { text: "The Jacobian of $x + F(x)$ is $I + \\partial F/\\partial x$, so gradients reach early layers through the identity", correct: true, explanation: "Gradients no longer have to pass through every weight matrix and can't vanish multiplicatively." },
      { text: "They reduce the number of parameters", correct: false, explanation: "Skip connections add no parameters at all; they only change how outputs are combined." },
      { text: "They normalise the activations", correct: false, explanation: "That is LayerNorm's job; residuals can actually make the stream grow with depth." },
      { text: "They let the model attend to earlier layers' attention weights", correct: false, explanation: "The residual adds hidden states, not attention weights." },
    ],
  },
  {
    id: "recall-placement",
    kind: "recall",
    prompt: "Write post-norm and pre-norm residual blocks.",
    answer: "Post-norm: $\\mathrm{LN}(x + F(x))$ (original Transformer). Pre-norm: $x + F(\\mathrm{LN}(x))$, with a final LN after the last block (GPT-2, LLaMA).",
  },
]);
