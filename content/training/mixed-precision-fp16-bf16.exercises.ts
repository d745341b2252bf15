import { defineExercises } from "@qkv/quiz";

const roundTo = (x: number, m: number, emin: number) => {
  const e = Math.max(Math.floor(Math.log2(Math.abs(x))), emin);
  const step = 2 ** (e - m);
  return Math.round(x / step) * step;
};

export default defineExercises([
  {
    id: "spacing",
    kind: "numeric",
    tolerance: { rel: 1e-9 },
    generate(rng) {
      const x = [3, 100, 1000, 5000, 20000][rng.int(5)];
      const fmt = rng.int(2) === 0 ? { name: "fp16", m: 10 } : { name: "bf16", m: 7 };
      const step = 2 ** (Math.floor(Math.log2(x)) - fmt.m);
      return {
        prompt: `What is the gap between ${x} and the next larger number representable in ${fmt.name}?`,
        expected: step,
        mistakes: [
          { name: `use the other format's mantissa width (${fmt.m === 10 ? 7 : 10} bits)`, value: 2 ** (Math.floor(Math.log2(x)) - (fmt.m === 10 ? 7 : 10)) },
          { name: "give the relative step 2^-m instead of the absolute gap", value: 2 ** -fmt.m },
        ],
        explanation: `${x} lies in $[2^{${Math.floor(Math.log2(x))}}, 2^{${Math.floor(Math.log2(x)) + 1}})$; with ${fmt.m} mantissa bits the gap is $2^{${Math.floor(Math.log2(x))}-${fmt.m}} = ${step}$.`,
      };
    },
  },
  {
    id: "lost-update",
    kind: "numeric",
    tolerance: { rel: 1e-9 },
    generate(rng) {
      const w = [0.5, 1, 2, 4][rng.int(4)];
      const lr = [1e-4, 3e-4, 1e-3][rng.int(3)];
      const g = [0.5, 1][rng.int(2)];
      const updated = roundTo(w - lr * g, 7, -126);
      return {
        prompt:
          `A weight $w = ${w}$ is stored **only** in bf16 (no fp32 master copy). SGD applies $w \\leftarrow w - \\eta g$ with $\\eta = ${lr}$, $g = ${g}$, ` +
          `and the result is rounded to bf16. What is the stored weight afterwards?`,
        expected: updated,
        mistakes: [{ name: "forget that the result is rounded to bf16", value: w - lr * g }].filter((m) => m.value !== updated),
        explanation:
          `Near ${w} bf16's gap is $2^{${Math.floor(Math.log2(w))}-7} = ${2 ** (Math.floor(Math.log2(w)) - 7)}$; the update ${lr * g} is ` +
          `${lr * g < 2 ** (Math.floor(Math.log2(w)) - 8) ? "less than half a gap, so it is lost" : "rounded to a whole gap"}: ${updated}. This is why mixed precision keeps fp32 master weights.`,
      };
    },
  },
  {
    id: "why-bf16",
    kind: "multiple-choice",
    prompt: "Why does bf16 training usually need no loss scaling while fp16 training does?",
    choices: [
      { text: "bf16 has fp32's 8-bit exponent, so small gradients stay representable instead of flushing to zero", correct: true, explanation: "Range, not precision, is what loss scaling fixes." },
      { text: "bf16 has more mantissa bits than fp16", correct: false, explanation: "It has fewer (7 vs 10)." },
      { text: "bf16 gradients are computed in fp32", correct: false, explanation: "Both formats are typically used with fp32 accumulation; the difference is the exponent range." },
    ],
  },
]);
