import { defineExercises } from "@qkv/quiz";

export default defineExercises([
  {
    id: "step-time",
    kind: "numeric",
    tolerance: { rel: 1e-3 },
    generate(rng) {
      const fwd = [100, 120, 200][rng.int(3)];
      const ratio = [2, 2.5][rng.int(2)];
      const frac = [1, 0.5][rng.int(2)];
      const bwd = fwd * ratio;
      const t = fwd + bwd + frac * fwd;
      return {
        prompt:
          `A training step takes ${fwd} ms forward and ${bwd} ms backward. You enable activation checkpointing on ${frac === 1 ? "every" : "half of the"} Transformer block${frac === 1 ? "s" : "s (the other half keep their activations)"}. ` +
          `Estimate the new step time in ms.`,
        expected: t,
        mistakes: [
          { name: "recompute the backward pass too", value: fwd + 2 * bwd },
          { name: "assume checkpointing is free", value: fwd + bwd },
        ],
        explanation: `The checkpointed blocks rerun their forward once during the backward: ${fwd} + ${bwd} + ${frac}·${fwd} = ${t} ms.`,
      };
    },
  },
  {
    id: "same-gradient",
    kind: "multiple-choice",
    prompt: "A model with dropout gives slightly different gradients with checkpointing on than off (same seed). What is the likely bug?",
    choices: [
      { text: "The recomputed forward draws new dropout masks: the RNG state must be saved at the checkpoint and restored for the recomputation", correct: true, explanation: "Recomputation must be the same function of the same inputs, including the random mask." },
      { text: "Checkpointing approximates the gradient; small differences are expected", correct: false, explanation: "It is exact: the same intermediates are rebuilt." },
      { text: "The checkpoints are stored in lower precision", correct: false, explanation: "Checkpoints are the layer inputs, stored as they were." },
    ],
  },
]);
