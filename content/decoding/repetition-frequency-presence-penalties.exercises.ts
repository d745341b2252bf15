import { defineExercises } from "@qkv/quiz";
import { argmax, softmax, tensor, type Rng } from "@qkv/core";

const logitsRow = (rng: Rng, n: number): number[] => Array.from({ length: n }, () => Math.round((rng.uniform() * 6 - 3) * 10) / 10);

export default defineExercises([
  {
    id: "repetition-penalty-probability",
    kind: "numeric",
    tolerance: { abs: 1e-3 },
    generate(rng) {
      const z = logitsRow(rng, 4);
      const seen = rng.int(4);
      const theta = [1.1, 1.2, 1.3, 1.5][rng.int(4)];
      const penalised = z.map((v, i) => (i === seen ? (v > 0 ? v / theta : v * theta) : v));
      const p = softmax(tensor([penalised])).data[seen];
      return {
        prompt:
          `Logits $[${z.join(", ")}]$; only token ${seen + 1} has appeared before. With a Hugging Face-style repetition penalty $\\theta = ${theta}$, ` +
          `what is token ${seen + 1}'s probability afterwards?`,
        expected: p,
        mistakes: [
          { name: "divide the logit by \u03b8 whatever its sign", value: softmax(tensor([z.map((v, k) => (k === seen ? v / theta : v))])).data[seen] },
          { name: "ignore the penalty", value: softmax(tensor([z])).data[seen] },
        ],
        explanation:
          `Its logit ${z[seen]} is ${z[seen] > 0 ? `positive, so it is divided by $\\theta$` : `not positive, so it is multiplied by $\\theta$`}: $${penalised[seen].toFixed(4)}$; then take the softmax of the edited logits.`,
      };
    },
  },
  {
    id: "frequency-presence-probability",
    kind: "numeric",
    tolerance: { abs: 1e-3 },
    generate(rng) {
      const z = logitsRow(rng, 4);
      const counts = [rng.int(4), rng.int(2), 0, rng.int(3)];
      const f = [0.2, 0.5, 1][rng.int(3)], pres = [0, 0.5, 1][rng.int(3)];
      const edited = z.map((v, i) => v - f * counts[i] - pres * (counts[i] > 0 ? 1 : 0));
      const i = rng.int(4);
      return {
        prompt:
          `Logits $[${z.join(", ")}]$, counts of each token so far $[${counts.join(", ")}]$, frequency penalty ${f}, presence penalty ${pres}. ` +
          `What is the probability of token ${i + 1} after the penalties?`,
        expected: softmax(tensor([edited])).data[i],
        mistakes: [
          { name: "apply the presence penalty once per occurrence (like the frequency penalty)", value: softmax(tensor([z.map((v, k) => v - f * counts[k] - pres * counts[k])])).data[i] },
          { name: "forget the presence penalty", value: softmax(tensor([z.map((v, k) => v - f * counts[k])])).data[i] },
        ],
        explanation: `Each logit becomes $z_i - ${f}\\,c_i - ${pres}\\,[c_i > 0]$: $[${edited.map((v) => v.toFixed(2)).join(", ")}]$; then softmax.`,
      };
    },
  },
  {
    id: "implement-repetition-penalty",
    kind: "code",
    prompt:
      "Implement `penalisedProbs(logits: number[], seen: number[], theta: number): number[]`: apply the Hugging Face " +
      "repetition penalty $\\theta$ to every token id listed in `seen` (each at most once, whatever its count), then return the softmax.",
    functionName: "penalisedProbs",
    starter: `export function penalisedProbs(logits: number[], seen: number[], theta: number): number[] {
  throw new Error("TODO");
}
`,
    solution: `export function penalisedProbs(logits: number[], seen: number[], theta: number): number[] {
  const set = new Set(seen);
  const z = logits.map((v, i) => (set.has(i) ? (v > 0 ? v / theta : v * theta) : v));
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}
`,
    tests(rng) {
      const cases: unknown[][] = [];
      for (let t = 0; t < 8; t++) {
        const n = 4 + rng.int(5);
        const z = logitsRow(rng, n);
        const seen = Array.from({ length: 1 + rng.int(4) }, () => rng.int(n));
        cases.push([z, seen, [1.1, 1.3, 2][rng.int(3)]]);
      }
      cases.push([[2, -1, 0.5, -2], [1, 1, 3], 1.5]);
      return cases.map((args) => ({ args }));
    },
    reference(z, seen, theta) {
      const set = new Set(seen as number[]);
      const t = theta as number;
      const edited = (z as number[]).map((v, i) => (set.has(i) ? (v > 0 ? v / t : v * t) : v));
      return Array.from(softmax(tensor([edited])).data);
    },
    tolerance: { abs: 1e-9 },
    wrongSolutions: [
      {
        label: "divides every seen logit by theta, whatever its sign (raises negative logits)",
        code: `export function penalisedProbs(logits: number[], seen: number[], theta: number): number[] {
  const set = new Set(seen);
  const z = logits.map((v, i) => (set.has(i) ? v / theta : v));
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}
`,
      },
      {
        label: "penalises once per occurrence (repeated ids are penalised several times)",
        code: `export function penalisedProbs(logits: number[], seen: number[], theta: number): number[] {
  const z = logits.slice();
  for (const i of seen) z[i] = z[i] > 0 ? z[i] / theta : z[i] * theta;
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}
`,
      },
      {
        label: "applies the penalty to probabilities instead of logits",
        code: `export function penalisedProbs(logits: number[], seen: number[], theta: number): number[] {
  const m = Math.max(...logits);
  const e = logits.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  const set = new Set(seen);
  const p = e.map((v, i) => (set.has(i) ? v / s / theta : v / s));
  const t = p.reduce((a, b) => a + b, 0);
  return p.map((v) => v / t);
}
`,
      },
    ],
  },
  {
    id: "why-case-split",
    kind: "multiple-choice",
    prompt: "The repetition penalty divides positive logits by $\\theta > 1$ but multiplies non-positive ones by $\\theta$. Why the two cases?",
    choices: [
      {
        text: "So that the logit always decreases: dividing a negative logit by $\\theta$ would move it toward 0, i.e. make the token more likely.",
        correct: true,
        explanation: "$-2/1.2 = -1.67 > -2$, so plain division would reward repeated tokens with negative logits.",
      },
      {
        text: "Because negative logits are invalid and must be made positive.",
        correct: false,
        explanation: "Logits can be any real number; the sign only matters for which operation lowers the value.",
      },
      {
        text: "To keep the penalty additive like the frequency penalty.",
        correct: false,
        explanation: "Both cases are multiplicative; the frequency and presence penalties are the additive ones.",
      },
      {
        text: "To make the probabilities sum to 1 again.",
        correct: false,
        explanation: "Renormalisation is done by the softmax afterwards regardless of how the logits were edited.",
      },
    ],
  },
  {
    id: "frequency-penalty-breaks-loop",
    kind: "numeric",
    tolerance: { abs: 1e-3 },
    generate(rng) {
      const zA = Math.round((3 + rng.uniform() * 3) * 10) / 10;
      const zB = Math.round((zA - 0.6 - rng.uniform() * 2) * 10) / 10; // at least 0.6 below: more than any presence penalty
      const count = 2 + rng.int(4);
      const presence = [0.2, 0.3, 0.5][rng.int(3)];
      // Greedy picks B once zA − α·count − presence drops below zB (a tie goes to the lower id, A, as argmax does).
      const alpha = (zA - zB - presence) / count;
      const after = (a: number) => argmax(tensor([zA - a * count - presence, zB])).data[0];
      if (after(alpha * 0.999) !== 0 || after(alpha * 1.001) !== 1) throw new Error("frequency-penalty-breaks-loop: threshold check failed");
      return {
        prompt:
          `Greedy decoding is stuck repeating token A (id 0): its logit is $${zA}$ and it has appeared ${count} times. The best other token, B (id 1, never generated), ` +
          `has logit $${zB}$. A presence penalty of $${presence}$ is already on. Above what frequency penalty $\\alpha_{\\text{freq}}$ does greedy decoding pick B at this step?`,
        expected: alpha,
        mistakes: [
          { name: "forget that the frequency penalty is multiplied by the count", value: zA - zB - presence },
          { name: "leave out the presence penalty", value: (zA - zB) / count },
        ],
        explanation:
          `A's logit becomes $${zA} - ${count}\\,\\alpha - ${presence}$; B's stays $${zB}$ because it never appeared. B wins once ` +
          `$${count}\\,\\alpha > ${zA} - ${zB} - ${presence}$, i.e. $\\alpha > ${alpha.toFixed(4)}$ (checked with argmax just below and above the threshold).`,
      };
    },
  },
]);
