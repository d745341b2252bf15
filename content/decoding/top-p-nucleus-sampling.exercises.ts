import { defineExercises } from "@qkv/quiz";
import { processLogits, softmax, tensor, topPFilter, type Rng } from "@qkv/core";

const distinctLogits = (rng: Rng, n: number): number[] => {
  const out: number[] = [];
  while (out.length < n) {
    const v = Math.round((rng.uniform() * 6 - 3) * 10) / 10;
    if (!out.includes(v)) out.push(v);
  }
  return out;
};
const fmt = (xs: ArrayLike<number>) => Array.from(xs, (v) => v.toFixed(3)).join(", ");
const BUG_Z = [2.0, 1.5, 0.3, 0.0, -1.0];
const BUG_P = 0.8;
const bugKept = (): number[] => Array.from(topPFilter(tensor([BUG_Z]), BUG_P).data, (v, i) => (Number.isFinite(v) ? i : -1)).filter((i) => i >= 0);
/** Mass of the n most likely tokens (BUG_Z is sorted descending). */
const bugMass = (n: number): number => Array.from(softmax(tensor([BUG_Z])).data).slice(0, n).reduce((a, b) => a + b, 0);
/** The buggy nucleus: keep tokens (most likely first) while the mass including them stays below p. */
const buggyKept = (): number[] => {
  const kept: number[] = [];
  while (kept.length < BUG_Z.length && bugMass(kept.length + 1) < BUG_P) kept.push(kept.length);
  return kept;
};

export default defineExercises([
  {
    id: "nucleus-size",
    kind: "numeric",
    tolerance: { abs: 0 },
    generate(rng) {
      const p = [0.5, 0.7, 0.8, 0.9, 0.95][rng.int(5)];
      // Redraw until no cumulative sum lies within 0.005 of p, so the 3-decimal probabilities shown decide it.
      let z = distinctLogits(rng, 6);
      const tooClose = (zs: number[]) => {
        const sorted = Array.from(softmax(tensor([zs])).data).sort((a, b) => b - a);
        let c = 0;
        return sorted.some((v) => Math.abs((c += v) - p) < 0.005);
      };
      while (tooClose(z)) z = distinctLogits(rng, 6);
      const probs = softmax(tensor([z])).data;
      const kept = Array.from(processLogits(tensor([z]), { topP: p }).keptMask.data).reduce((a, b) => a + b, 0);
      return {
        prompt: `The next-token probabilities are $[${fmt(probs)}]$. How many tokens does top-$p$ sampling with $p = ${p}$ keep?`,
        expected: kept,
        mistakes: [
          { name: "drop the token that crosses p", value: kept - 1 },
        ],
        explanation:
          `Sort descending and add probabilities until the running total first reaches $p = ${p}$; the token that crosses the threshold is kept. ` +
          `Sorted: $[${fmt([...probs].sort((a, b) => b - a))}]$.`,
      };
    },
  },
  {
    id: "probability-after-top-p",
    kind: "numeric",
    tolerance: { abs: 1e-3 },
    generate(rng) {
      const z = distinctLogits(rng, 5);
      const p = [0.6, 0.8, 0.9][rng.int(3)];
      const probs = Array.from(processLogits(tensor([z]), { topP: p }).probs.data);
      const best = z.indexOf(Math.max(...z));
      return {
        prompt: `Logits $z = [${z.join(", ")}]$ (probabilities $[${fmt(softmax(tensor([z])).data)}]$). After top-$p$ filtering with $p = ${p}$ and renormalisation, what is the probability of the most likely token?`,
        expected: probs[best],
        mistakes: [
          { name: "forget to renormalise the kept probabilities", value: softmax(tensor([z])).data[best] },
        ],
        explanation: "Find the smallest set of most likely tokens whose mass reaches $p$, then divide each kept probability by the kept mass.",
      };
    },
  },
  {
    id: "implement-top-p-probs",
    kind: "code",
    prompt:
      "Implement `topPProbs(logits: number[], p: number): number[]`: the distribution after nucleus filtering. Keep the " +
      "smallest set of most likely tokens whose total probability is at least $p$ (the token that crosses $p$ is kept), " +
      "give every other token probability 0, and renormalise. The test logits have no ties.",
    functionName: "topPProbs",
    starter: `export function topPProbs(logits: number[], p: number): number[] {
  throw new Error("TODO");
}
`,
    solution: `export function topPProbs(logits: number[], p: number): number[] {
  const m = Math.max(...logits);
  const e = logits.map((z) => Math.exp(z - m));
  const s = e.reduce((a, b) => a + b, 0);
  const probs = e.map((v) => v / s);
  const order = probs.map((_, i) => i).sort((a, b) => probs[b] - probs[a]);
  const keep = new Array(logits.length).fill(false);
  let before = 0;
  for (const i of order) {
    if (before >= p) break;
    keep[i] = true;
    before += probs[i];
  }
  const kept = probs.reduce((a, v, i) => a + (keep[i] ? v : 0), 0);
  return probs.map((v, i) => (keep[i] ? v / kept : 0));
}
`,
    tests(rng) {
      const cases: unknown[][] = [];
      for (let t = 0; t < 10; t++) cases.push([distinctLogits(rng, 4 + rng.int(6)), [0.3, 0.5, 0.75, 0.9, 0.95][rng.int(5)]]);
      cases.push([[6, 2, 1, 0], 0.9]);
      cases.push([[1.2, 0.4, -0.3], 1]);
      return cases.map((args) => ({ args }));
    },
    reference(z, p) {
      return Array.from(softmax(topPFilter(tensor([z as number[]]), p as number)).data);
    },
    tolerance: { abs: 1e-9 },
    wrongSolutions: [
      {
        label: "drops the token that crosses p (keeps only while the total including the token stays below p)",
        code: `export function topPProbs(logits: number[], p: number): number[] {
  const m = Math.max(...logits);
  const e = logits.map((z) => Math.exp(z - m));
  const s = e.reduce((a, b) => a + b, 0);
  const probs = e.map((v) => v / s);
  const order = probs.map((_, i) => i).sort((a, b) => probs[b] - probs[a]);
  const keep = new Array(logits.length).fill(false);
  let total = 0;
  for (const i of order) {
    total += probs[i];
    if (total > p) break;
    keep[i] = true;
  }
  const kept = probs.reduce((a, v, i) => a + (keep[i] ? v : 0), 0);
  return probs.map((v, i) => (keep[i] ? v / kept : 0));
}
`,
      },
      {
        label: "sorts ascending (keeps the least likely tokens)",
        code: `export function topPProbs(logits: number[], p: number): number[] {
  const m = Math.max(...logits);
  const e = logits.map((z) => Math.exp(z - m));
  const s = e.reduce((a, b) => a + b, 0);
  const probs = e.map((v) => v / s);
  const order = probs.map((_, i) => i).sort((a, b) => probs[a] - probs[b]);
  const keep = new Array(logits.length).fill(false);
  let before = 0;
  for (const i of order) {
    if (before >= p) break;
    keep[i] = true;
    before += probs[i];
  }
  const kept = probs.reduce((a, v, i) => a + (keep[i] ? v : 0), 0);
  return probs.map((v, i) => (keep[i] ? v / kept : 0));
}
`,
      },
      {
        label: "forgets to renormalise the kept probabilities",
        code: `export function topPProbs(logits: number[], p: number): number[] {
  const m = Math.max(...logits);
  const e = logits.map((z) => Math.exp(z - m));
  const s = e.reduce((a, b) => a + b, 0);
  const probs = e.map((v) => v / s);
  const order = probs.map((_, i) => i).sort((a, b) => probs[b] - probs[a]);
  const keep = new Array(logits.length).fill(false);
  let before = 0;
  for (const i of order) {
    if (before >= p) break;
    keep[i] = true;
    before += probs[i];
  }
  return probs.map((v, i) => (keep[i] ? v : 0));
}
`,
      },
    ],
  },
  {
    id: "top-p-adaptivity",
    kind: "multiple-choice",
    prompt: "With $p = 0.9$, the model's top token has probability $0.97$. How many tokens does nucleus sampling keep?",
    choices: [
      {
        text: "One: the top token alone already reaches $p$.",
        correct: true,
        explanation: "The smallest set with mass $\\ge 0.9$ is the single top token, so sampling becomes greedy at this step.",
      },
      {
        text: "None, because no token has probability below $1 - p$.",
        correct: false,
        explanation: "At least one token is always kept; a rule that drops the crossing token would keep none here, which is the classic bug.",
      },
      {
        text: "All tokens whose probability is at least $0.9$ times the top probability.",
        correct: false,
        explanation: "That describes a relative threshold (like min-p), not nucleus sampling, which thresholds cumulative mass.",
      },
      {
        text: "A fixed 90% of the vocabulary.",
        correct: false,
        explanation: "$p$ is a probability mass, not a fraction of tokens.",
      },
    ],
  },
  {
    id: "which-top-p-bug",
    kind: "multiple-choice",
    prompt:
      `The next-token probabilities are $[${fmt(softmax(tensor([BUG_Z])).data)}]$ and $p = ${BUG_P}$. A nucleus sampler keeps only token(s) ${buggyKept().join(", ")} ` +
      `(mass ${bugMass(buggyKept().length).toFixed(3)}). Which bug explains this?`,
    choices: [
      {
        text: "It keeps a token only while the cumulative mass *including* that token is below $p$, so the token that crosses $p$ is dropped.",
        correct: true,
        explanation:
          `Token 1 brings the mass from ${softmax(tensor([BUG_Z])).data[0].toFixed(3)} to ${bugMass(2).toFixed(3)} $\\ge ${BUG_P}$, so it must be kept: ` +
          `the correct nucleus is tokens ${bugKept().join(", ")} (mass ${bugMass(bugKept().length).toFixed(3)}). Dropping the crossing token leaves less than $p$, and nothing at all for a peaked distribution.`,
      },
      {
        text: "It sorts the probabilities ascending and keeps the first tokens reaching $p$.",
        correct: false,
        explanation: "That would keep the unlikely tail tokens, not token 0.",
      },
      {
        text: "It removes tokens whose ascending cumulative mass is $\\le 1 - p$.",
        correct: false,
        explanation: `That is Hugging Face's correct formulation; it keeps tokens ${bugKept().join(", ")} here.`,
      },
      {
        text: "Nothing: token 0 alone is the nucleus.",
        correct: false,
        explanation: `Token 0 has only ${softmax(tensor([BUG_Z])).data[0].toFixed(3)} $< ${BUG_P}$ of the mass; the smallest set reaching $p$ is tokens ${bugKept().join(", ")}.`,
      },
    ],
  },
]);
