import { defineExercises } from "@qkv/quiz";
import { argmax, beamSearch, greedyDecode, tensor, type Rng } from "@qkv/core";

const logitsRow = (rng: Rng, n: number): number[] => Array.from({ length: n }, () => Math.round((rng.uniform() * 6 - 3) * 10) / 10);

export default defineExercises([
  {
    id: "implement-greedy-step",
    kind: "code",
    prompt:
      "Implement `greedyStep(logits: number[]): number`: the token id greedy decoding picks. On ties return the smallest " +
      "index (as `torch.argmax` does).",
    functionName: "greedyStep",
    starter: `export function greedyStep(logits: number[]): number {
  throw new Error("TODO");
}
`,
    solution: `export function greedyStep(logits: number[]): number {
  let best = 0;
  for (let i = 1; i < logits.length; i++) if (logits[i] > logits[best]) best = i;
  return best;
}
`,
    tests(rng) {
      const cases: number[][] = [];
      for (let k = 0; k < 8; k++) cases.push(logitsRow(rng, 2 + rng.int(9)));
      cases.push([1, 3, 3, 0]);
      cases.push([-5, -2, -7]);
      return cases.map((z) => ({ args: [z] }));
    },
    reference(z) {
      return argmax(tensor(z as number[])).data[0];
    },
    tolerance: { abs: 0 },
    wrongSolutions: [
      {
        label: "returns the last index on ties",
        code: `export function greedyStep(logits: number[]): number {
  let best = 0;
  for (let i = 1; i < logits.length; i++) if (logits[i] >= logits[best]) best = i;
  return best;
}
`,
      },
      {
        label: "starts the running maximum at 0 (fails when every logit is negative)",
        code: `export function greedyStep(logits: number[]): number {
  let best = 0;
  let bestValue = 0;
  for (let i = 0; i < logits.length; i++) if (logits[i] > bestValue) { best = i; bestValue = logits[i]; }
  return best;
}
`,
      },
      {
        label: "returns the largest logit instead of its index",
        code: `export function greedyStep(logits: number[]): number {
  return Math.max(...logits);
}
`,
      },
    ],
  },
  {
    id: "beam-vs-greedy-probability",
    kind: "numeric",
    tolerance: { abs: 1e-4 },
    generate(rng) {
      // Two-step toy model over tokens {0: A, 1: B, 2: EOS}; beam search (width 2) returns the most likely 2-token path.
      const a = Math.round((0.45 + rng.uniform() * 0.1) * 100) / 100; // P(A) at step 1: A is the greedy choice
      const pAA = Math.round((0.33 + rng.uniform() * 0.07) * 100) / 100; // after A the mass is spread out
      const pBB = Math.round((0.85 + rng.uniform() * 0.1) * 100) / 100; // after B one continuation dominates
      const first = [a, 1 - a - 0.02, 0.02];
      const afterA = [pAA, pAA - 0.02, 1 - 2 * pAA + 0.02];
      const afterB = [(1 - pBB) / 2, pBB, (1 - pBB) / 2];
      const next = (tokens: readonly number[]) =>
        (tokens.length === 1 ? first : tokens[tokens.length - 1] === 0 ? afterA : afterB).map(Math.log);
      const beam = beamSearch(next, [9], { width: 2, lengthPenalty: 0 }, { maxNewTokens: 2 });
      const greedy = greedyDecode(next, [9], { maxNewTokens: 2 });
      return {
        prompt:
          `Step 1 probabilities over (A, B, EOS): $[${first.map((v) => v.toFixed(2)).join(", ")}]$. After A: $[${afterA.map((v) => v.toFixed(2)).join(", ")}]$; ` +
          `after B: $[${afterB.map((v) => v.toFixed(3)).join(", ")}]$. Greedy decoding of two tokens reaches a sequence with probability ` +
          `$${Math.exp(greedy.logProb).toFixed(4)}$. What is the probability of the two-token sequence found by beam search with width 2?`,
        expected: Math.exp(beam.logProb),
        explanation:
          `Beam search keeps A and B after step 1 and compares all extensions: the best path is ${beam.tokens.map((t) => "AB"[t] ?? "EOS").join(" ")} ` +
          `with probability $${Math.exp(beam.logProb).toFixed(4)}$, the product of its step probabilities.`,
      };
    },
  },
  {
    id: "why-sample-for-chat",
    kind: "multiple-choice",
    prompt: "Why do chat assistants usually sample (temperature/top-p) rather than use beam search?",
    choices: [
      {
        text: "For open-ended text the most probable sequence tends to be bland and repetitive; sampling gives more natural, diverse text.",
        correct: true,
        explanation: "Human text is not the mode of the model's distribution (Holtzman et al.); beam search is best for narrow tasks such as translation.",
      },
      {
        text: "Beam search cannot be used with decoder-only models.",
        correct: false,
        explanation: "Beam search works with any autoregressive model; it is a search over the model's sequence probabilities.",
      },
      {
        text: "Beam search is always less likely to find the highest-probability sequence than greedy decoding.",
        correct: false,
        explanation: "Beam search explores more hypotheses and usually finds a sequence at least as probable as greedy's.",
      },
      {
        text: "Sampling is cheaper than greedy decoding.",
        correct: false,
        explanation: "Sampling and greedy decoding cost the same per token; beam search costs about $B$ times more.",
      },
    ],
  },
  {
    id: "length-penalty-threshold",
    kind: "numeric",
    tolerance: { abs: 1e-3 },
    generate(rng) {
      const shortLen = 2 + rng.int(3);
      const longLen = shortLen + 3 + rng.int(5);
      const shortLogP = -Math.round((1 + rng.uniform() * 2) * 100) / 100;
      const longLogP = Math.round((shortLogP * (1.3 + rng.uniform() * 0.8)) * 100) / 100; // less likely in total
      // score = logP / len^α; both are negative, so the long one wins once (longLen/shortLen)^α > longLogP/shortLogP.
      const alpha = Math.log(longLogP / shortLogP) / Math.log(longLen / shortLen);
      const score = (logP: number, len: number, a: number) => logP / len ** a;
      if (!(score(longLogP, longLen, alpha - 1e-3) < score(shortLogP, shortLen, alpha - 1e-3) && score(longLogP, longLen, alpha + 1e-3) > score(shortLogP, shortLen, alpha + 1e-3)))
        throw new Error("length-penalty-threshold: threshold check failed");
      return {
        prompt:
          `Beam search finished two hypotheses: one of ${shortLen} generated tokens with $\\sum \\log p = ${shortLogP}$, one of ${longLen} tokens with $\\sum \\log p = ${longLogP}$. ` +
          `They are ranked by $\\sum \\log p / L^{\\alpha}$ (Hugging Face's \`length_penalty\` $\\alpha$). Above which $\\alpha$ is the longer hypothesis returned?`,
        expected: alpha,
        mistakes: [{ name: "swap the two logarithms (length ratio over log-probability ratio)", value: Math.log(longLen / shortLen) / Math.log(longLogP / shortLogP) }],
        explanation:
          `At $\\alpha = 0$ the raw sums favour the short one. The long one wins once $${longLogP}/${longLen}^{\\alpha} > ${shortLogP}/${shortLen}^{\\alpha}$, i.e. ` +
          `$(${longLen}/${shortLen})^{\\alpha} > ${-longLogP}/${-shortLogP}$, so $\\alpha > \\ln(${(longLogP / shortLogP).toFixed(4)}) / \\ln(${(longLen / shortLen).toFixed(4)}) = ${alpha.toFixed(4)}$. ` +
          `The default $\\alpha = 1$ ${alpha < 1 ? "already picks the longer one" : "still picks the shorter one"}.`,
      };
    },
  },
]);
