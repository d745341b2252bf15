import { defineExercises } from "@qkv/quiz";

export default defineExercises([
  {
    id: "model-states",
    kind: "numeric",
    tolerance: { rel: 1e-3 },
    generate(rng) {
      const N = [1.3, 3, 7, 13][rng.int(4)];
      const gb = 16 * N;
      return {
        prompt: `Estimate the memory in GB (1e9 bytes) for the model states (weights, gradients, optimizer) of a ${N}B-parameter model trained with Adam in bf16 mixed precision with fp32 master weights. Ignore activations.`,
        expected: gb,
        mistakes: [
          { name: "count only the bf16 weights and gradients", value: 4 * N },
          { name: "forget the fp32 master copy (12 bytes/parameter)", value: 12 * N },
        ],
        explanation: `2 (bf16 weights) + 2 (bf16 grads) + 4 (fp32 master) + 4 + 4 (Adam $m$, $v$) = 16 bytes × ${N}e9 = ${gb.toFixed(1)} GB.`,
      };
    },
  },
  {
    id: "which-grows",
    kind: "multiple-choice",
    prompt: "You double the sequence length of a training run (same model, same micro-batch). Which memory grows?",
    choices: [
      { text: "Activations (linearly, or quadratically for materialised attention matrices); model states are unchanged", correct: true, explanation: "Weights, gradients and Adam states depend only on the parameter count." },
      { text: "The Adam states, because there are more tokens per step", correct: false, explanation: "Adam keeps one $m$ and one $v$ per parameter, however many tokens." },
      { text: "Nothing, because the gradient is averaged over tokens", correct: false, explanation: "The average is taken after the backward pass, which needs every token's saved activations." },
    ],
  },
]);
