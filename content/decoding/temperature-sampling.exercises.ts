import { defineExercises } from "@qkv/quiz";
import { softmax, tensor, type Rng } from "@qkv/core";

const BUG_Z = [2, 1, 0.5, -1];
const BUG_T = 0.5;
const fmt4 = (xs: ArrayLike<number>) => Array.from(xs, (v) => v.toFixed(4)).join(", ");

const logitsRow = (rng: Rng, n: number): number[] => Array.from({ length: n }, () => Math.round((rng.uniform() * 6 - 3) * 10) / 10);

export default defineExercises([
  {
    id: "probability-after-temperature",
    kind: "numeric",
    tolerance: { abs: 1e-3 },
    generate(rng) {
      const z = logitsRow(rng, 4);
      const T = [0.5, 0.7, 1.5, 2][rng.int(4)];
      const i = rng.int(4);
      const p = softmax(tensor([z]), { temperature: T }).data[i];
      return {
        prompt: `Logits $z = [${z.join(", ")}]$, temperature $T = ${T}$. What is the probability of token ${i + 1}?`,
        expected: p,
        mistakes: [
          { name: "multiply the logits by T instead of dividing", value: softmax(tensor([z.map((v) => v * T)])).data[i] },
          { name: "ignore the temperature", value: softmax(tensor([z])).data[i] },
        ],
        explanation: `Divide every logit by $T$ first, then take the softmax: $p_${i + 1} = e^{z_${i + 1}/T} / \\sum_j e^{z_j/T}$.`,
      };
    },
  },
  {
    id: "ratio-under-temperature",
    kind: "numeric",
    tolerance: { rel: 1e-3 },
    generate(rng) {
      const gap = Math.round((0.5 + rng.uniform() * 2) * 10) / 10;
      const T = [0.25, 0.5, 2][rng.int(3)];
      const p = softmax(tensor([[gap, 0]]), { temperature: T }).data;
      return {
        prompt: `Two tokens' logits differ by $${gap}$. With temperature $T = ${T}$, how many times more likely is the higher one?`,
        expected: p[0] / p[1],
        mistakes: [
          { name: "multiply the gap by T instead of dividing", value: Math.exp(gap * T) },
          { name: "ignore the temperature", value: Math.exp(gap) },
        ],
        explanation: `The ratio is $e^{\\Delta z / T} = e^{${gap}/${T}}$; the other logits cancel in the ratio.`,
      };
    },
  },
  {
    id: "implement-temperature-softmax",
    kind: "code",
    prompt: "Implement `temperatureSoftmax(logits: number[], T: number): number[]` returning the sampling distribution at temperature $T > 0$ (numerically stable).",
    functionName: "temperatureSoftmax",
    starter: `export function temperatureSoftmax(logits: number[], T: number): number[] {
  throw new Error("TODO");
}
`,
    solution: `export function temperatureSoftmax(logits: number[], T: number): number[] {
  const scaled = logits.map((z) => z / T);
  const m = Math.max(...scaled);
  const e = scaled.map((z) => Math.exp(z - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}
`,
    tests(rng) {
      const cases: unknown[][] = [];
      for (let k = 0; k < 8; k++) cases.push([logitsRow(rng, 3 + rng.int(6)), [0.3, 0.5, 0.8, 1.7, 3][rng.int(5)]]);
      cases.push([[500, 499, 480], 0.1]);
      return cases.map((args) => ({ args }));
    },
    reference(z, T) {
      return Array.from(softmax(tensor([z as number[]]), { temperature: T as number }).data);
    },
    tolerance: { abs: 1e-9 },
    wrongSolutions: [
      {
        label: "temperature applied after the softmax (scales probabilities, then renormalises)",
        code: `export function temperatureSoftmax(logits: number[], T: number): number[] {
  const m = Math.max(...logits);
  const e = logits.map((z) => Math.exp(z - m));
  const s = e.reduce((a, b) => a + b, 0);
  const p = e.map((v) => v / s / T);
  const t = p.reduce((a, b) => a + b, 0);
  return p.map((v) => v / t);
}
`,
      },
      {
        label: "multiplies the logits by T",
        code: `export function temperatureSoftmax(logits: number[], T: number): number[] {
  const scaled = logits.map((z) => z * T);
  const m = Math.max(...scaled);
  const e = scaled.map((z) => Math.exp(z - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}
`,
      },
      {
        label: "no max subtraction (overflows for large logits at low T)",
        code: `export function temperatureSoftmax(logits: number[], T: number): number[] {
  const e = logits.map((z) => Math.exp(z / T));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}
`,
      },
    ],
  },
  {
    id: "temperature-effect",
    kind: "multiple-choice",
    prompt: "What happens to the next-token distribution when the temperature is lowered from 1 to 0.2?",
    choices: [
      {
        text: "It becomes sharper: the most likely token gains probability, and the ranking of tokens is unchanged.",
        correct: true,
        explanation: "Dividing logits by $T < 1$ magnifies their differences; as $T \\to 0$ sampling approaches greedy decoding.",
      },
      {
        text: "It becomes flatter, so sampling becomes more diverse.",
        correct: false,
        explanation: "That is the effect of raising the temperature above 1.",
      },
      {
        text: "The ranking of tokens can change, because low-probability tokens are boosted.",
        correct: false,
        explanation: "Division by a positive constant preserves the order of the logits, so the ranking never changes.",
      },
      {
        text: "Nothing changes unless top-p is also set.",
        correct: false,
        explanation: "Temperature alone reshapes the distribution; top-p only decides which tokens are kept afterwards.",
      },
    ],
  },
  {
    id: "which-temperature-bug",
    kind: "multiple-choice",
    prompt:
      `A colleague's sampler is called with logits $[${BUG_Z.join(", ")}]$ and temperature $T = ${BUG_T}$ and returns the distribution ` +
      `$[${fmt4(softmax(tensor([BUG_Z])).data)}]$. Which bug explains this output?`,
    choices: [
      {
        text: "It takes the softmax first, then divides the probabilities by $T$ and renormalises.",
        correct: true,
        explanation:
          `Dividing every probability by the same $T$ cancels in the renormalisation, so the output is the $T = 1$ softmax, which is exactly what was printed. ` +
          `A correct sampler gives $[${fmt4(softmax(tensor([BUG_Z]), { temperature: BUG_T }).data)}]$, sharper.`,
      },
      {
        text: "It multiplies the logits by $T$ instead of dividing.",
        correct: false,
        explanation: `That is temperature $1/T = ${1 / BUG_T}$: $[${fmt4(softmax(tensor([BUG_Z]), { temperature: 1 / BUG_T }).data)}]$, flatter than the printout.`,
      },
      {
        text: "It does not subtract the maximum logit before exponentiating.",
        correct: false,
        explanation: "With logits this small nothing overflows, so the missing shift changes no digit; it matters for large logits at low $T$.",
      },
      {
        text: "Nothing: this is the distribution at $T = " + BUG_T + "$.",
        correct: false,
        explanation: `At $T = ${BUG_T}$ the top token should gain mass: $[${fmt4(softmax(tensor([BUG_Z]), { temperature: BUG_T }).data)}]$. The printout is the untempered softmax.`,
      },
    ],
  },
]);
