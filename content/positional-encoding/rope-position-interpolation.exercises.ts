import { defineExercises } from "@qkv/quiz";
import { ropeAngles } from "@qkv/core";

export default defineExercises([
  {
    id: "ntk-base",
    kind: "numeric",
    tolerance: { rel: 1e-6 },
    generate(rng) {
      const d = [64, 128][rng.int(2)];
      const s = [2, 4, 8, 16][rng.int(4)];
      const base = 10000 * s ** (d / (d - 2));
      // check with core: the slowest pair's angle at position s·m under the new base equals the old angle at m
      const m = 1000;
      const slowOld = ropeAngles([m], d).angles.data[d / 2 - 1];
      const slowNew = ropeAngles([s * m], d, base).angles.data[d / 2 - 1];
      return {
        prompt: `NTK-aware scaling extends a RoPE model (head size ${d}, base 10000) by a factor ${s}. What new base makes the slowest pair rotate exactly ${s}× slower while leaving the fastest pair unchanged?`,
        expected: base,
        mistakes: [
          { name: "multiply the base by s (that slows the slowest pair by less than s)", value: 10000 * s },
          { name: "use the exponent d/2 instead of d/(d − 2)", value: 10000 * s ** (d / 2) },
        ],
        explanation:
          `The slowest pair has $\\theta = b^{-(d-2)/d}$; dividing it by ${s} needs $b' = b\\,s^{d/(d-2)} = ${base.toFixed(1)}$. ` +
          `Check on core: angle at position ${s * m} with the new base ${slowNew.toFixed(6)} = angle at ${m} with the old base ${slowOld.toFixed(6)}.`,
      };
    },
  },
  {
    id: "pairs-beyond",
    kind: "numeric",
    tolerance: { abs: 0 },
    generate(rng) {
      const d = [64, 128][rng.int(2)];
      const L = [2048, 4096, 8192][rng.int(3)];
      const max = ropeAngles([L - 1], d).angles.data;
      const count = Array.from(max).filter((a) => a < 2 * Math.PI).length;
      return {
        prompt: `A RoPE model (head size ${d}, base 10000) was trained on ${L} positions. How many of its ${d / 2} rotation pairs never completed a full turn during training (their wavelength $2\\pi/\\theta_i$ exceeds the training length)?`,
        expected: count,
        mistakes: [{ name: "count the pairs whose wavelength is shorter than the training length", value: d / 2 - count }],
        explanation: `Pair $i$ has wavelength $2\\pi\\cdot 10000^{2i/${d}}$; it exceeds ${L} for the ${count} slowest pairs. These are the pairs that see unseen angles beyond the training length and that YaRN interpolates.`,
      };
    },
  },
  {
    id: "pi-drawback",
    kind: "multiple-choice",
    prompt: "What does linear position interpolation (positions divided by $s$) lose, that NTK-aware scaling and YaRN try to keep?",
    choices: [
      { text: "Resolution of the fast (high-frequency) pairs: nearby tokens become harder to tell apart", correct: true, explanation: "PI compresses every frequency by $s$, including the ones that never needed it." },
      { text: "The relative-position property of RoPE", correct: false, explanation: "Scaled positions still give scores that depend only on position differences." },
      { text: "The ability to use a KV cache", correct: false, explanation: "Caching is unaffected." },
    ],
  },
]);
