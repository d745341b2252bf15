import { defineExercises } from "@qkv/quiz";

export default defineExercises([
  {
    id: "noam-learning-rate",
    kind: "numeric",
    tolerance: { rel: 1e-6 },
    generate(rng) {
      const d = [256, 512, 1024][rng.int(3)];
      const warm = [2000, 4000][rng.int(2)];
      const step = [500, 1000, warm, 3 * warm, 10 * warm][rng.int(5)];
      return {
        prompt: `The 2017 schedule is $\\eta = d_{\\text{model}}^{-0.5}\\min(s^{-0.5}, s\\cdot s_{\\text{warm}}^{-1.5})$. With $d_{\\text{model}} = ${d}$ and $s_{\\text{warm}} = ${warm}$, what is the learning rate at step $s = ${step}$?`,
        expected: d ** -0.5 * Math.min(step ** -0.5, step * warm ** -1.5),
        mistakes: [
          { name: "forget the d_model^\u22120.5 factor", value: Math.min(step ** -0.5, step * warm ** -1.5) },
        ],
        explanation: `${step < warm ? "During warmup the linear term $s\\,s_{\\text{warm}}^{-1.5}$ is the smaller one" : "After warmup the decay term $s^{-0.5}$ is the smaller one"}; multiply by $${d}^{-0.5}$.`,
      };
    },
  },
  {
    id: "cosine-learning-rate",
    kind: "numeric",
    tolerance: { rel: 1e-6 },
    generate(rng) {
      const [max, min, shown] = ([[3e-4, 3e-5, ["3 \\times 10^{-4}", "3 \\times 10^{-5}"]], [1.5e-4, 1.5e-5, ["1.5 \\times 10^{-4}", "1.5 \\times 10^{-5}"]], [6e-4, 6e-5, ["6 \\times 10^{-4}", "6 \\times 10^{-5}"]]] as const)[rng.int(3)];
      const S = 100000, sw = 2000;
      const s = sw + Math.floor(rng.uniform() * (S - sw));
      return {
        prompt: `Warmup to $\\eta_{\\max} = ${shown[0]}$ over ${sw} steps, then cosine decay to $\\eta_{\\min} = ${shown[1]}$ at step ${S}. What is the learning rate at step ${s}?`,
        expected: min + 0.5 * (max - min) * (1 + Math.cos((Math.PI * (s - sw)) / (S - sw))),
        mistakes: [
          { name: "decay to 0 instead of \u03b7_min", value: 0.5 * max * (1 + Math.cos((Math.PI * (s - sw)) / (S - sw))) },
          { name: "count the decay from step 0, not from the end of warmup", value: min + 0.5 * (max - min) * (1 + Math.cos((Math.PI * s) / S)) },
        ],
        explanation: `$\\eta_{\\min} + \\tfrac12(\\eta_{\\max}-\\eta_{\\min})(1 + \\cos(\\pi\\,(${s} - ${sw})/(${S} - ${sw})))$.`,
      };
    },
  },
  {
    id: "why-warmup",
    kind: "multiple-choice",
    prompt: "Which is NOT a reason Transformers use learning-rate warmup?",
    choices: [
      {
        text: "Warmup is needed because LayerNorm statistics are estimated from running averages that start at zero.",
        correct: true,
        explanation: "This is the false one: LayerNorm has no running statistics; it normalises each token with its own mean and variance.",
      },
      {
        text: "Adam's second-moment estimates are noisy in the first steps, so full-size updates can be erratic.",
        correct: false,
        explanation: "This is a real reason (the RAdam analysis): warmup waits for the variance estimates to stabilise.",
      },
      {
        text: "Post-LN Transformers have large gradients near the output at initialisation.",
        correct: false,
        explanation: "This is a real reason (Xiong et al., 2020), which is why Post-LN practically requires warmup.",
      },
      {
        text: "Large batches and large models make early instabilities more likely.",
        correct: false,
        explanation: "This is a real reason; warmup is part of every large-scale recipe.",
      },
    ],
  },
]);
