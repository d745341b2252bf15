import { defineExercises } from "@qkv/quiz";

export default defineExercises([
  {
    id: "model-size",
    kind: "numeric",
    tolerance: { rel: 5e-3 },
    generate(rng) {
      const params = [7, 13, 70][rng.int(3)];
      const g = [32, 64, 128][rng.int(3)];
      const zp = rng.int(2) === 1;
      const bits = 4 + 16 / g + (zp ? 4 / g : 0);
      const gb = (params * 1e9 * bits) / 8 / 1e9;
      return {
        prompt:
          `A ${params}B-parameter model is stored as INT4 with group size ${g}, one fp16 scale per group` +
          (zp ? " and a 4-bit zero point per group" : "") + `. How many GB (1e9 bytes) do the weights take?`,
        expected: gb,
        mistakes: [
          { name: "ignore the per-group scales (a flat 4 bits per weight)", value: (params * 1e9 * 4) / 8 / 1e9 },
          { name: "count the scales as one byte per weight", value: (params * 1e9 * 12) / 8 / 1e9 },
        ],
        explanation: `Bits per weight: $4 + 16/${g}${zp ? ` + 4/${g}` : ""} = ${bits.toFixed(4)}$; ${params}e9 × ${bits.toFixed(4)} / 8 bytes = ${gb.toFixed(2)} GB.`,
      };
    },
  },
  {
    id: "why-groups",
    kind: "multiple-choice",
    prompt: "Why do 4-bit LLM weight formats use a scale per group of 32–128 weights instead of per row?",
    choices: [
      { text: "An outlier then inflates the step of only its own group, so the other weights keep a fine step", correct: true, explanation: "The step is set by the largest |w| in the scale's scope." },
      { text: "Groups make the integer matmul faster than a per-row scale", correct: false, explanation: "Per-group scales add work in the kernel; they are chosen for accuracy." },
      { text: "INT4 cannot represent negative numbers without groups", correct: false, explanation: "Signed INT4 covers −8…7 regardless of grouping." },
    ],
  },
]);
