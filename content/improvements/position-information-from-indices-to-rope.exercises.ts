import { defineExercises } from "@qkv/quiz";
import { sinusoidalEncoding } from "@qkv/core";

export default defineExercises([
  {
    id: "sinusoid-value",
    kind: "numeric",
    tolerance: { abs: 1e-4 },
    generate(rng) {
      const d = [4, 8, 16][rng.int(3)];
      const pos = 1 + rng.int(50);
      const k = rng.int(d);
      return {
        prompt: `Sinusoidal encoding with $d = ${d}$: what is $\\mathrm{PE}_{${pos},${k}}$ (0-based dimension ${k})?`,
        expected: sinusoidalEncoding([pos], d).data[k],
        mistakes: [
          { name: "swap sine and cosine", value: (k % 2 === 0 ? Math.cos : Math.sin)(pos / Math.pow(10000, (2 * Math.floor(k / 2)) / d)) },
          { name: "use the exponent k/d instead of 2\u230ak/2\u230b/d", value: (k % 2 === 0 ? Math.sin : Math.cos)(pos / Math.pow(10000, k / d)) },
        ],
        explanation: `Dimension ${k} is a ${k % 2 === 0 ? "sine" : "cosine"} with $i = ${Math.floor(k / 2)}$: $${k % 2 === 0 ? "\\sin" : "\\cos"}(${pos} / 10000^{${2 * Math.floor(k / 2)}/${d}})$.`,
      };
    },
  },
  {
    id: "why-not-raw-index",
    kind: "multiple-choice",
    prompt: "What is the main problem with appending the raw position index $t$ as an extra input feature?",
    choices: [
      {
        text: "Its scale is unbounded and unlike the other features, it is out of distribution for longer inputs, and one scalar makes relative offsets hard to use.",
        correct: true,
        explanation: "Bounded multi-frequency encodings (sinusoids) or rotations (RoPE) avoid all three problems.",
      },
      {
        text: "An integer cannot be used as input to a neural network.",
        correct: false,
        explanation: "It can be fed as a number; the problems are scale, extrapolation and expressiveness.",
      },
      {
        text: "Attention already knows the order of tokens, so it is redundant.",
        correct: false,
        explanation: "Self-attention is permutation-equivariant: without position information it cannot tell orders apart.",
      },
      {
        text: "It would make the model's output depend on position.",
        correct: false,
        explanation: "That dependence is exactly what position information is for.",
      },
    ],
  },

  {
    id: "slow-pairs",
    kind: "numeric",
    tolerance: { abs: 0 },
    generate(rng) {
      const d = [64, 128, 512][rng.int(3)];
      const T = [512, 2048, 8192][rng.int(3)];
      const wavelength = (i: number, exponent: (i: number) => number) => 2 * Math.PI * 10000 ** exponent(i);
      const count = (exponent: (i: number) => number) => Array.from({ length: d / 2 }, (_, i) => i).filter((i) => wavelength(i, exponent) > T).length;
      const right = count((i) => (2 * i) / d);
      // check the wavelength claim on core's encoding: pair i repeats after its wavelength (i = 1 shown in the explanation)
      const lambda1 = wavelength(1, (i) => (2 * i) / d);
      const pe = sinusoidalEncoding([0, lambda1], d).data;
      return {
        prompt:
          `Sinusoidal encoding, $d = ${d}$: pair $i$ ($i = 0..${d / 2 - 1}$) oscillates as $\\sin(t / 10000^{2i/d})$, with wavelength $2\\pi \\cdot 10000^{2i/d}$ positions. ` +
          `For a context of $T = ${T}$, how many pairs have a wavelength longer than $T$ (they never complete a cycle inside the context, so they act like a smooth "coarse position")?`,
        expected: right,
        mistakes: [
          { name: "use the exponent i/d instead of 2i/d (frequencies decaying half as fast)", value: count((i) => i / d) },
          { name: "count the pairs whose wavelength is shorter than T", value: d / 2 - right },
        ].filter((m) => m.value !== right),
        explanation: `Count $i$ with $2\\pi \\cdot 10000^{2i/d} > ${T}$: ${right} of ${d / 2} pairs. Sanity check on core: pair 1 at position $t = 2\\pi\\cdot 10000^{2/d} \\approx ${lambda1.toFixed(2)}$ is back to $(\\sin, \\cos) = (${(Math.abs(pe[d + 2]) < 5e-5 ? 0 : pe[d + 2]).toFixed(4)}, ${pe[d + 3].toFixed(4)})$, as at $t = 0$.`,
      };
    },
  },
]);
