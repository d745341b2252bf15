import { defineExercises } from "@qkv/quiz";
import { Rng, randn, softmax } from "@qkv/core";

const draw = (seed: number, V: number) => Array.from(softmax(randn([1, V], new Rng(seed), 1.5)).data, (v) => Math.round(v * 100) / 100);
/** Probabilities with 2 decimals that sum to exactly 1 (the last entry takes the remainder). */
const twoDecimals = (seed: number, V: number) => {
  const head = draw(seed, V).slice(0, V - 1);
  return [...head, Math.round((1 - head.reduce((a, b) => a + b, 0)) * 100) / 100];
};

export default defineExercises([
  {
    id: "acceptance-probability",
    kind: "numeric",
    tolerance: { abs: 1e-3 },
    generate(rng) {
      const P = twoDecimals(rng.int(1e6), 4), Q = twoDecimals(rng.int(1e6), 4);
      const alpha = P.reduce((acc, pi, i) => acc + Math.min(pi, Q[i]), 0);
      const overlapMax = P.reduce((acc, pi, i) => acc + Math.max(pi, Q[i]), 0);
      return {
        prompt:
          `Target next-token probabilities $p = [${P.join(", ")}]$, draft $q = [${Q.join(", ")}]$. A token is drawn from $q$ ` +
          `and verified with the speculative-sampling rule. What is the probability that it is accepted?`,
        expected: alpha,
        mistakes: [
          { name: "sum max(p, q) instead of min(p, q)", value: overlapMax },
          { name: "take the probability that p and q agree on the argmax", value: P.indexOf(Math.max(...P)) === Q.indexOf(Math.max(...Q)) ? 1 : 0 },
        ].filter((m) => Math.abs(m.value - alpha) > 1e-3),
        explanation: `$P(\\text{accept}) = \\sum_x q(x)\\min(1, p(x)/q(x)) = \\sum_x \\min(p(x), q(x)) = ${alpha.toFixed(3)}$.`,
      };
    },
  },
  {
    id: "residual",
    kind: "numeric",
    tolerance: { abs: 1e-3 },
    generate(rng) {
      const P = twoDecimals(rng.int(1e6), 4), Q = twoDecimals(rng.int(1e6), 4);
      let j = P.findIndex((pi, i) => pi > Q[i]);
      if (j < 0) j = 0;
      const resid = P.map((pi, i) => Math.max(0, pi - Q[i]));
      const total = resid.reduce((a, b) => a + b, 0);
      const expected = total > 0 ? resid[j] / total : P[j];
      return {
        prompt:
          `Target $p = [${P.join(", ")}]$, draft $q = [${Q.join(", ")}]$. A draft token was rejected. With what probability ` +
          `is the replacement token index ${j} (0-based)?`,
        expected,
        mistakes: [{ name: "resample from the target p instead of the residual", value: P[j] }].filter((m) => Math.abs(m.value - expected) > 1e-3),
        explanation: `Residual $\\max(0, p - q) = [${resid.map((v) => v.toFixed(2)).join(", ")}]$, normalised by ${total.toFixed(2)}: ${expected.toFixed(3)}.`,
      };
    },
  },
  {
    id: "why-exact",
    kind: "multiple-choice",
    prompt: "A colleague replaces the draft model by a much worse one. What happens to the generated text's distribution under speculative sampling?",
    choices: [
      { text: "Nothing: it is still exactly the target's; only the acceptance rate and so the speed-up fall", correct: true, explanation: "The rule is rejection sampling, exact for any $q$ that covers $p$'s support through the residual." },
      { text: "It drifts towards the draft model's distribution", correct: false, explanation: "That happens only if drafts are accepted without the $\\min(1, p/q)$ test." },
      { text: "It becomes greedy", correct: false, explanation: "Sampling temperature is untouched." },
    ],
  },
]);
