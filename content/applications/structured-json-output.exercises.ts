import { defineExercises } from "@qkv/quiz";
import { Rng, randn, softmax, tensor } from "@qkv/core";

const maskedSoftmax = (logits: number[], allowed: number[]) =>
  Array.from(softmax(tensor([logits.map((l, i) => (allowed[i] ? l : -Infinity))])).data);

export default defineExercises([
  {
    id: "constrained-probs",
    kind: "code",
    prompt:
      "Implement the masking step of constrained decoding: given next-token `logits` and `allowed` (1 = the token keeps the output valid, 0 = not), " +
      "return the probabilities the sampler should use. At least one token is allowed. Signature: `constrainedProbs(logits: number[], allowed: number[]): number[]`.",
    functionName: "constrainedProbs",
    starter: `export function constrainedProbs(logits: number[], allowed: number[]): number[] {
  throw new Error("TODO");
}`,
    solution: `export function constrainedProbs(logits: number[], allowed: number[]): number[] {
  const m = Math.max(...logits.filter((_, i) => allowed[i]));
  const e = logits.map((l, i) => (allowed[i] ? Math.exp(l - m) : 0));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}`,
    tests(rng) {
      return Array.from({ length: 4 }, () => {
        const V = 5 + rng.int(4);
        const logits = Array.from(randn([V], new Rng(rng.int(1e6)), 2).data);
        const allowed = Array.from({ length: V }, (): number => (rng.int(2) === 0 ? 1 : 0));
        if (!allowed.includes(0)) allowed[0] = 0;
        if (!allowed.includes(1)) allowed[V - 1] = 1;
        return { args: [logits, allowed] };
      });
    },
    reference(logits, allowed) {
      return maskedSoftmax(logits as number[], allowed as number[]);
    },
    tolerance: { abs: 1e-9 },
    wrongSolutions: [
      {
        label: "zero the forbidden probabilities after the softmax without renormalising",
        code: `export function constrainedProbs(logits: number[], allowed: number[]): number[] {
  const m = Math.max(...logits);
  const e = logits.map((l) => Math.exp(l - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v, i) => (allowed[i] ? v / s : 0));
}`,
      },
      {
        label: "set forbidden logits to 0 instead of −∞",
        code: `export function constrainedProbs(logits: number[], allowed: number[]): number[] {
  const z = logits.map((l, i) => (allowed[i] ? l : 0));
  const m = Math.max(...z);
  const e = z.map((l) => Math.exp(l - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}`,
      },
    ],
  },
  {
    id: "renormalised",
    kind: "numeric",
    tolerance: { abs: 1e-4 },
    generate(rng) {
      const logits = [0, 1, 2, 3].map(() => Math.round((rng.uniform() * 4 - 1) * 10) / 10);
      const allowed = [1, 1, 0, 0];
      const p = maskedSoftmax(logits, allowed)[0];
      const free = Array.from(softmax(tensor([logits])).data)[0];
      return {
        prompt: `Logits for tokens A, B, C, D are $[${logits.join(", ")}]$. The grammar allows only A and B next. What probability does constrained decoding give A? (4 decimals)`,
        expected: p,
        mistakes: [{ name: "keep A's unconstrained probability (no renormalisation)", value: free }],
        explanation: `Softmax over the allowed logits only: $e^{${logits[0]}}/(e^{${logits[0]}} + e^{${logits[1]}}) = ${p.toFixed(4)}$.`,
      };
    },
  },
]);
