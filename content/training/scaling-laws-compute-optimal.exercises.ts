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

  {
    id: "training-days",
    kind: "numeric",
    tolerance: { rel: 0.01 },
    generate(rng) {
      const run = [
        { N: 7e9, D: 2e12 },
        { N: 13e9, D: 2e12 },
        { N: 70e9, D: 1.4e12 },
        { N: 8e9, D: 15e12 },
      ][rng.int(4)];
      const gpu = [
        { name: "A100 (312 TFLOP/s dense bf16)", peak: 312e12 },
        { name: "H100 SXM (989 TFLOP/s dense bf16)", peak: 989e12 },
      ][rng.int(2)];
      const G = [256, 1024, 2048][rng.int(3)];
      const mfu = [0.35, 0.4, 0.5][rng.int(3)];
      const days = (flops: number, u: number) => flops / (G * gpu.peak * u) / 86400;
      return {
        prompt:
          `Estimate the wall-clock days to pre-train a dense ${run.N / 1e9}B-parameter model on ${run.D / 1e12}T tokens on ${G} GPUs, each an ${gpu.name}, ` +
          `at ${mfu * 100}% model FLOPs utilisation. (Short context: use the $6ND$ rule.)`,
        expected: days(6 * run.N * run.D, mfu),
        mistakes: [
          { name: "assume the GPUs run at 100% of peak", value: days(6 * run.N * run.D, 1) },
          { name: "count only the forward pass (2ND)", value: days(2 * run.N * run.D, mfu) },
        ],
        explanation: `$6ND = ${(6 * run.N * run.D).toExponential(3)}$ FLOPs; the cluster delivers $${G} \\times ${gpu.peak / 1e12}\\cdot10^{12} \\times ${mfu}$ FLOP/s; divide and convert seconds to days (86,400 s).`,
      };
    },
  },
]);
