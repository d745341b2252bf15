import { defineExercises } from "@qkv/quiz";
import { Rng, randn, softmax } from "@qkv/core";

const draw = (seed: number, V: number) => Array.from(softmax(randn([1, V], new Rng(seed), 1.5)).data, (v) => Math.round(v * 100) / 100);
/** Probabilities with 2 decimals that sum to exactly 1 (the last entry takes the remainder). */
const twoDecimals = (seed: number, V: number) => {
  const head = draw(seed, V).slice(0, V - 1);
  return [...head, Math.round((1 - head.reduce((a, b) => a + b, 0)) * 100) / 100];
};

// A fixed target/draft pair and what an implementation emits, by how it picks the replacement token after a rejection.
const BUG_P = Array.from(softmax([[1.2, 0.4, 0.9, -0.5]]).data);
const BUG_Q = Array.from(softmax([[0.3, 1.5, 0.6, -0.2]]).data);
const fmt3 = (xs: number[]) => xs.map((v) => v.toFixed(3)).join(", ");
const acceptance = () => BUG_P.reduce((acc, pi, i) => acc + Math.min(pi, BUG_Q[i]), 0);
/** Exact output distribution: accepted mass min(p, q) plus the rejected mass (1 − α) spread by the replacement rule. */
const emitted = (replacement: "residual" | "resample-from-p" | "resample-from-q"): number[] => {
  const alpha = acceptance();
  const resid = BUG_P.map((pi, i) => Math.max(0, pi - BUG_Q[i]));
  const rs = resid.reduce((a, b) => a + b, 0);
  const r = replacement === "residual" ? resid.map((v) => v / rs) : replacement === "resample-from-p" ? BUG_P : BUG_Q;
  return BUG_P.map((pi, i) => Math.min(pi, BUG_Q[i]) + (1 - alpha) * r[i]);
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
  {
    id: "which-speculative-bug",
    kind: "multiple-choice",
    prompt:
      `Target $p = [${fmt3(BUG_P)}]$, draft $q = [${fmt3(BUG_Q)}]$. An implementation of speculative sampling emits (over many runs) tokens ` +
      `with frequencies $[${fmt3(emitted("resample-from-p"))}]$. Which bug explains this?`,
    choices: [
      {
        text: "After a rejection it draws the replacement from $p$ instead of the residual $\\max(0, p - q)$ renormalised.",
        correct: true,
        explanation:
          `It emits $\\min(p, q) + (1 - \\alpha)\\,p$ with $\\alpha = ${acceptance().toFixed(3)}$: the rejected mass is spread over every token, including those whose ` +
          `full share $p$ was already delivered by acceptance (where $q \\ge p$), so the draft's favourites are over-represented. ` +
          `The residual puts the rejected mass only where $p > q$ and gives back exactly $p$.`,
      },
      {
        text: "It accepts every draft token.",
        correct: false,
        explanation: `Then the output follows the draft: $[${fmt3(BUG_Q)}]$.`,
      },
      {
        text: "It draws the replacement from the draft $q$.",
        correct: false,
        explanation: `That emits $\\min(p, q) + (1 - \\alpha)\\,q = [${fmt3(emitted("resample-from-q"))}]$.`,
      },
      {
        text: "Nothing: these are the target's probabilities.",
        correct: false,
        explanation: `Correct speculative sampling emits exactly $p = [${fmt3(emitted("residual"))}]$; the printout differs.`,
      },
    ],
  },
]);
