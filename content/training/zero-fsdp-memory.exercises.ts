import { defineExercises } from "@qkv/quiz";

export default defineExercises([
  {
    id: "per-gpu",
    kind: "numeric",
    tolerance: { rel: 1e-3 },
    generate(rng) {
      const N = [7, 13, 34, 70][rng.int(4)];
      const Nd = [8, 16, 32, 64][rng.int(4)];
      const stage = 1 + rng.int(3);
      const bytes = stage === 1 ? 4 + 12 / Nd : stage === 2 ? 2 + 14 / Nd : 16 / Nd;
      const gb = bytes * N;
      const others = [4 + 12 / Nd, 2 + 14 / Nd, 16 / Nd].map((b) => b * N);
      return {
        prompt: `A ${N}B model is trained with mixed-precision Adam (2 + 2 + 12 bytes/parameter) on ${Nd} data-parallel GPUs using ZeRO stage ${stage}. How many GB of model states does each GPU hold?`,
        expected: gb,
        mistakes: [
          { name: "shard everything (that is ZeRO-3)", value: others[2] },
          { name: "shard only the optimizer states (that is ZeRO-1)", value: others[0] },
          { name: "shard nothing (plain data parallelism)", value: 16 * N },
        ].filter((m) => Math.abs(m.value - gb) > 1e-3 * gb),
        explanation: `ZeRO-${stage}: ${stage === 1 ? "$2 + 2 + 12/N_d$" : stage === 2 ? "$2 + 14/N_d$" : "$16/N_d$"} = ${bytes.toFixed(4)} bytes/parameter × ${N}e9 = ${gb.toFixed(2)} GB.`,
      };
    },
  },
  {
    id: "zero3-cost",
    kind: "multiple-choice",
    prompt: "What extra communication does ZeRO-3 (FSDP full sharding) need compared with ZeRO-2?",
    choices: [
      { text: "An all-gather of each layer's weights before it runs, in the forward and again in the backward", correct: true, explanation: "No GPU holds the full weights, so they are gathered just in time (and freed after use)." },
      { text: "None: it only shards storage", correct: false, explanation: "The weights must be materialised to compute with them." },
      { text: "An all-to-all of activations between layers", correct: false, explanation: "That is expert parallelism (MoE), not ZeRO." },
    ],
  },
]);
