import { defineExercises } from "@qkv/quiz";
import { Rng, randn } from "@qkv/core";

/** Absmax round trip of one value given the tensor's max |x|. */
const absmaxRoundTrip = (v: number, amax: number, qmax: number) => {
  const s = amax / qmax;
  return s * Math.max(-qmax, Math.min(qmax, Math.round(v / s)));
};

export default defineExercises([
  {
    id: "dequantised-value",
    kind: "numeric",
    tolerance: { abs: 1e-6 },
    generate(rng) {
      const x = Array.from(randn([6], new Rng(rng.int(1e6)), 1).data, (v) => Math.round(v * 100) / 100);
      const amax = Math.max(...x.map(Math.abs));
      const i = rng.int(6);
      const s = amax / 127;
      const expected = absmaxRoundTrip(x[i], amax, 127);
      return {
        prompt:
          `The tensor $[${x.join(", ")}]$ is quantised to INT8 with one absmax scale. What value does element ` +
          `${x[i]} come back as after dequantisation? (6 decimals)`,
        expected,
        mistakes: [
          { name: "use 255 levels over the absmax (s = max|x|/255)", value: absmaxRoundTrip(x[i], amax, 255) },
          { name: "report the integer code instead of the dequantised value", value: Math.round(x[i] / s) },
        ].filter((m) => Math.abs(m.value - expected) > 1e-6),
        explanation:
          `$s = ${amax}/127 = ${s.toFixed(6)}$, $q = \\mathrm{round}(${x[i]}/s) = ${Math.round(x[i] / s)}$, ` +
          `$\\hat x = s q = ${expected.toFixed(6)}$.`,
      };
    },
  },
  {
    id: "outlier-step",
    kind: "numeric",
    tolerance: { rel: 1e-3 },
    generate(rng) {
      const typical = [0.02, 0.05, 0.1][rng.int(3)];
      const outlier = [1, 2, 5, 8][rng.int(4)];
      const bits = [8, 4][rng.int(2)];
      const qmax = 2 ** (bits - 1) - 1;
      const ratio = outlier / typical;
      return {
        prompt:
          `A weight row has values of size about ${typical} but one outlier of ${outlier}. With one absmax INT${bits} scale ` +
          `for the row, how many times larger is the quantisation step than it would be if the outlier were clipped to ` +
          `${typical}? (What the outlier costs every other weight.)`,
        expected: ratio,
        mistakes: [{ name: "think the step depends on the bit width rather than on the range", value: qmax }],
        explanation:
          `The step is $\\max|x|/${qmax}$; the outlier raises $\\max|x|$ from ${typical} to ${outlier}, a factor ${ratio.toFixed(0)}. ` +
          `Most weights then round to 0 or ±1 step: hence per-group scales or keeping outliers in higher precision.`,
      };
    },
  },
  {
    id: "which-scheme",
    kind: "multiple-choice",
    prompt: "You quantise the output of a ReLU layer (all values $\\ge 0$) to 8 bits. Which scheme wastes fewer codes, and why?",
    choices: [
      { text: "Zero-point (asymmetric): it maps $[\\min, \\max]$ onto all 256 codes, while absmax leaves the negative half unused", correct: true, explanation: "Its step is about half of absmax's for a one-sided range." },
      { text: "Absmax: symmetric ranges always give a smaller step", correct: false, explanation: "For a one-sided range absmax spends 127 codes on values that never occur." },
      { text: "Both are identical because rounding error is always half a step", correct: false, explanation: "The bound is half a step, but the step itself differs by about 2×." },
    ],
  },
]);
