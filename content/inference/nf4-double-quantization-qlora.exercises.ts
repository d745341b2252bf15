import { defineExercises } from "@qkv/quiz";

export default defineExercises([
  {
    id: "qlora-memory",
    kind: "numeric",
    tolerance: { rel: 5e-3 },
    generate(rng) {
      const params = [7, 13, 33, 65][rng.int(4)];
      const dq = rng.int(2) === 1;
      const bits = 4 + (dq ? 8 / 64 + 32 / (64 * 256) : 32 / 64);
      const gb = (params * 1e9 * bits) / 8 / 1e9;
      return {
        prompt:
          `A ${params}B model is stored in NF4 with blocks of 64 weights and ` +
          (dq ? "double-quantised block scales (8-bit, second-level blocks of 256 with an fp32 scale)" : "one fp32 absmax per block") +
          `. How many GB (1e9 bytes) do the base weights take?`,
        expected: gb,
        mistakes: [
          { name: "ignore the block scales", value: (params * 1e9 * 4) / 8 / 1e9 },
          ...(dq ? [{ name: "forget the double quantisation (fp32 scales)", value: (params * 1e9 * 4.5) / 8 / 1e9 }] : []),
        ],
        explanation: `Bits per weight: $4 + ${dq ? "8/64 + 32/(64·256)" : "32/64"} = ${bits.toFixed(4)}$, so ${params}e9 × ${bits.toFixed(4)} / 8 = ${gb.toFixed(2)} GB.`,
      };
    },
  },
  {
    id: "why-nf4",
    kind: "multiple-choice",
    prompt: "Why does NF4 give lower error than uniform INT4 on pre-trained weights?",
    choices: [
      { text: "Its levels are quantiles of a normal distribution, so they are dense where Gaussian weights are dense", correct: true, explanation: "Each level is used about equally often." },
      { text: "It has more than 16 levels", correct: false, explanation: "Four bits give exactly 16 codes." },
      { text: "It stores the weights in floating point with an exponent", correct: false, explanation: "It is a look-up table of 16 fixed values times a block scale." },
    ],
  },
]);
