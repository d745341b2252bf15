import { defineExercises } from "@qkv/quiz";

export default defineExercises([
  {
    id: "training-flops",
    kind: "numeric",
    tolerance: { rel: 1e-6 },
    generate(rng) {
      const N = [1, 7, 13, 70][rng.int(4)];
      const D = [0.3, 1, 2, 15][rng.int(4)];
      return {
        prompt: `Estimate the training compute (in FLOPs) of a dense ${N}B-parameter Transformer trained on ${D}T tokens with the $6ND$ rule.`,
        expected: 6 * N * 1e9 * D * 1e12,
        mistakes: [
          { name: "use 2ND (forward pass only)", value: 2 * N * 1e9 * D * 1e12 },
        ],
        explanation: `$6 \\times ${N}\\times10^{9} \\times ${D}\\times10^{12}$: about $2N$ FLOPs per token forward and $4N$ backward.`,
      };
    },
  },
  {
    id: "compute-optimal-params",
    kind: "numeric",
    tolerance: { rel: 1e-3 },
    generate(rng) {
      const C = [1e21, 1e22, 1e23, 1e24][rng.int(4)];
      const N = Math.sqrt(C / 120);
      return {
        prompt: `With the Chinchilla rule of thumb $D = 20N$ and $C = 6ND$, how many parameters (in billions) should a model trained with $C = 10^{${Math.round(Math.log10(C))}}$ FLOPs have?`,
        expected: N / 1e9,
        mistakes: [
          { name: "solve C = 6N\u00b2 (forget D = 20N)", value: Math.sqrt(C / 6) / 1e9 },
          { name: "give the tokens D = 20N instead of N", value: (20 * N) / 1e9 },
        ],
        explanation: `$C = 6N \\cdot 20N = 120N^2 \\Rightarrow N = \\sqrt{C/120}$.`,
      };
    },
  },
  {
    id: "why-overtrain",
    kind: "multiple-choice",
    prompt: "Why are models like LLaMA trained on far more tokens than the Chinchilla compute-optimal ~20 tokens per parameter?",
    choices: [
      {
        text: "Chinchilla minimises training compute; a smaller model trained longer is cheaper to serve for the same quality, and inference dominates lifetime cost.",
        correct: true,
        explanation: "Loss keeps improving with more data, just less efficiently per training FLOP.",
      },
      {
        text: "Because Chinchilla showed that data matters more than parameters, so models should be as small as possible.",
        correct: false,
        explanation: "Chinchilla's result is balanced scaling of $N$ and $D$ for a fixed budget, not \"as small as possible\".",
      },
      {
        text: "Because loss stops improving beyond 20 tokens per parameter.",
        correct: false,
        explanation: "It keeps improving; 20 tokens/parameter is where the training-compute trade-off balances.",
      },
      {
        text: "Because the $6ND$ formula overestimates compute for small models.",
        correct: false,
        explanation: "The formula is a reasonable estimate at all sizes; the reason is deployment economics.",
      },
    ],
  },
]);
